package org.organ3d.io.dicom.seg;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.organ3d.io.dicom.CodedConcept;
import org.organ3d.volume.LabelInfo;

/**
 * One segment of a DICOM segmentation (an item of the Segment Sequence, PS3.3 C.8.20.2.1): its
 * number in the file, the organ3d label value it becomes, its name, colour and coded meaning.
 *
 * @param number        Segment Number (1..65535); in a binary SEG numbers run 1, 2, 3 ...
 * @param labelValue    label value in organ3d's label map (1..65535): the Segment Number, or the
 *                      value organ3d recorded when it wrote a map whose labels were not 1..n
 * @param label         Segment Label (the name), never null
 * @param description   Segment Description, or null
 * @param rgba          display colour 0xRRGGBBAA (from Recommended Display CIELab Value)
 * @param category      Segmented Property Category, e.g. (123037004, SCT, "Anatomical Structure")
 * @param type          Segmented Property Type, e.g. (10200004, SCT, "Liver")
 * @param algorithmType AUTOMATIC, SEMIAUTOMATIC or MANUAL
 * @param algorithmName Segment Algorithm Name (required unless MANUAL), or null
 */
public record Segment(int number, int labelValue, String label, String description, int rgba, CodedConcept category,
        CodedConcept type, String algorithmType, String algorithmName) {

    /** The algorithm types DICOM allows. */
    public static final Set<String> ALGORITHM_TYPES = Set.of("AUTOMATIC", "SEMIAUTOMATIC", "MANUAL");

    public Segment {
        if (number < 1 || number > 65535) {
            throw new IllegalArgumentException("segment number must be 1..65535: " + number);
        }
        if (labelValue < 1 || labelValue > 65535) {
            throw new IllegalArgumentException("label value must be 1..65535: " + labelValue);
        }
        Objects.requireNonNull(label);
        Objects.requireNonNull(category);
        Objects.requireNonNull(type);
        algorithmType = algorithmType == null ? "MANUAL" : algorithmType.toUpperCase(Locale.ROOT);
        if (!ALGORITHM_TYPES.contains(algorithmType)) {
            throw new IllegalArgumentException("algorithm type must be one of " + ALGORITHM_TYPES + ": " + algorithmType);
        }
        if (!"MANUAL".equals(algorithmType) && (algorithmName == null || algorithmName.isBlank())) {
            throw new IllegalArgumentException("a " + algorithmType + " segment needs an algorithm name");
        }
    }

    /**
     * The segment organ3d writes for {@code labelValue}: name and colour from {@code info} (else
     * {@code "label N"} and a palette colour), codes from the name ({@link AnatomyCodes}).
     */
    public static Segment describe(int number, int labelValue, LabelInfo info, String algorithmType, String algorithmName) {
        String name = info == null || info.name().isBlank() ? "label " + labelValue : info.name();
        int rgba = info == null ? AnatomyCodes.paletteColor(labelValue) : info.rgba();
        CodedConcept[] codes = AnatomyCodes.forName(name);
        return new Segment(number, labelValue, name, null, rgba, codes[0], codes[1], algorithmType,
                "MANUAL".equalsIgnoreCase(algorithmType) ? null : algorithmName);
    }

    /**
     * The body structure (SNOMED CT) a structure's name places it in, for an SR Finding Site: "liver
     * lesion" and "liver" give (10200004, SCT, "Liver"); empty for names organ3d cannot code
     * ("label 7", "fat").
     */
    public static java.util.Optional<CodedConcept> anatomicSite(String name) {
        return name == null ? java.util.Optional.empty() : AnatomyCodes.site(name);
    }

    /** Name and colour as a {@link LabelInfo} for the label map. */
    public LabelInfo toLabelInfo() {
        return new LabelInfo(labelValue, label, rgba);
    }
}
