package org.organ3d.io.dicom.seg;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.organ3d.io.dicom.CodedConcept;

/**
 * Coded meaning of a segment from its name: a short table of SNOMED CT concepts (as in DICOM CID
 * 7150 categories and CID 7151/7160 types, checked against pydicom's code dictionary) for the
 * structures organ3d's phantoms and common organ maps name. A name that matches none becomes
 * (Anatomical Structure, Tissue). The match is on words of the lower-cased name, so
 * "left kidney" and "kidney_right" find Kidney. Stateless, thread-safe.
 */
final class AnatomyCodes {

    static final CodedConcept ANATOMICAL_STRUCTURE = new CodedConcept("123037004", "SCT", "Anatomical Structure");
    static final CodedConcept ABNORMAL_STRUCTURE = new CodedConcept("49755003", "SCT", "Morphologically Abnormal Structure");
    static final CodedConcept TISSUE = new CodedConcept("85756007", "SCT", "Tissue");

    private static final Map<String, CodedConcept> ANATOMY = new LinkedHashMap<>();
    private static final Map<String, CodedConcept> ABNORMAL = new LinkedHashMap<>();

    static {
        anatomy("liver", "10200004", "Liver");
        anatomy("spleen", "78961009", "Spleen");
        anatomy("kidney", "64033007", "Kidney");
        anatomy("aorta", "15825003", "Aorta");
        anatomy("vertebra", "51282000", "Vertebra");
        anatomy("vertebrae", "51282000", "Vertebra");
        anatomy("bone", "272673000", "Bone");
        anatomy("lung", "39607008", "Lung");
        anatomy("heart", "80891009", "Heart");
        anatomy("brain", "12738006", "Brain");
        anatomy("pancreas", "15776009", "Pancreas");
        anatomy("stomach", "69695003", "Stomach");
        anatomy("gallbladder", "28231008", "Gallbladder");
        anatomy("esophagus", "32849002", "Esophagus");
        anatomy("colon", "71854001", "Colon");
        anatomy("duodenum", "38848004", "Duodenum");
        anatomy("trachea", "44567001", "Trachea");
        anatomy("muscle", "71616004", "Muscle");
        anatomy("rib", "113197003", "Rib");
        anatomy("sternum", "56873002", "Sternum");
        anatomy("sacrum", "54735007", "Sacrum");
        anatomy("femur", "71341001", "Femur");
        anatomy("prostate", "41216001", "Prostate");
        anatomy("fat", "256674009", "Fat");
        abnormal("lesion", "52988006", "Lesion");
        abnormal("tumor", "108369006", "Neoplasm");
        abnormal("tumour", "108369006", "Neoplasm");
        abnormal("nodule", "27925004", "Nodule");
        abnormal("cyst", "367643001", "Cyst");
    }

    private AnatomyCodes() {
    }

    private static void anatomy(String word, String code, String meaning) {
        ANATOMY.put(word, new CodedConcept(code, "SCT", meaning));
    }

    private static void abnormal(String word, String code, String meaning) {
        ABNORMAL.put(word, new CodedConcept(code, "SCT", meaning));
    }

    /** {category, type} for a segment name. */
    static CodedConcept[] forName(String name) {
        String[] words = name.toLowerCase(Locale.ROOT).split("[^a-z]+");
        // NB: abnormal words first, so "liver lesion" is a lesion (in the liver), not the liver
        for (String w : words) {
            CodedConcept c = ABNORMAL.get(w);
            if (c != null) {
                return new CodedConcept[] {ABNORMAL_STRUCTURE, c};
            }
        }
        for (String w : words) {
            CodedConcept c = ANATOMY.get(w);
            if (c != null) {
                return new CodedConcept[] {ANATOMICAL_STRUCTURE, c};
            }
        }
        return new CodedConcept[] {ANATOMICAL_STRUCTURE, TISSUE};
    }

    /**
     * The body structure a name places something in, for an SR Finding Site: the anatomy word of the
     * name ("liver lesion" → Liver), or empty when the name names none or only a substance (fat).
     */
    static java.util.Optional<CodedConcept> site(String name) {
        for (String w : name.toLowerCase(Locale.ROOT).split("[^a-z]+")) {
            CodedConcept c = ANATOMY.get(w);
            // NB: (256674009, SCT, "Fat") is a substance, not a body structure
            if (c != null && !w.equals("fat")) {
                return java.util.Optional.of(c);
            }
        }
        return java.util.Optional.empty();
    }

    /** The display colour of a label without one ({@link org.organ3d.volume.LabelInfo#defaultColor}). */
    static int paletteColor(int label) {
        return org.organ3d.volume.LabelInfo.defaultColor(label);
    }
}
