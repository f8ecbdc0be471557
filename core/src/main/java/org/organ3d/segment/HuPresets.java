package org.organ3d.segment;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Threshold ranges in Hounsfield units for common CT tissues (bounds inclusive). They are starting
 * points for segmentation, chosen from published tissue values; real studies vary with kernel,
 * kVp, contrast timing and noise, so combine them with region growing or component selection.
 *
 * <table>
 * <caption>Presets and sources</caption>
 * <tr><th>preset</th><th>HU</th><th>basis</th></tr>
 * <tr><td>bone</td><td>300 .. 3000</td><td>cancellous bone from about +300, cortical bone up to
 * +3000 (Buzug, <i>Computed Tomography</i>, Springer 2008, table of CT values: bone 700..3000;
 * trabecular bone lower). Calcified plaque and iodinated contrast above 300 HU are included too.</td></tr>
 * <tr><td>soft-tissue</td><td>-29 .. 150</td><td>the skeletal-muscle / lean-tissue window of
 * Mitsiopoulos et al., J Appl Physiol 85:115–122 (1998), the standard range of CT body-composition
 * analysis; covers unenhanced organs (liver 45..65, kidney 20..40, spleen 35..55 in Buzug 2008).</td></tr>
 * <tr><td>lung</td><td>-1000 .. -400</td><td>aerated lung: normal parenchyma about -850..-910
 * (Buzug 2008), emphysema below -950 (Gevenois et al., AJRCCM 1996); -400 separates air-filled lung
 * from the chest wall as in Hu, Hoffman &amp; Reinhardt, IEEE TMI 20:490–498 (2001). Includes the
 * air outside the patient: grow from a seed in the lung.</td></tr>
 * <tr><td>fat</td><td>-190 .. -30</td><td>adipose tissue window of Mitsiopoulos et al. (1998),
 * also used by Yoshizumi et al., Radiology 211:283–286 (1999).</td></tr>
 * <tr><td>contrast-vessel</td><td>200 .. 600</td><td>iodine-enhanced arteries in CT angiography,
 * where a typical target enhancement is 250..350 HU and more (Bae, Radiology 256:32–61, 2010).
 * Overlaps bone: grow from a seed in the vessel.</td></tr>
 * </table>
 */
public enum HuPresets {
    /** Bone, cancellous and cortical: 300..3000 HU. */
    BONE("bone", 300, 3000),
    /** Muscle and unenhanced organs: -29..150 HU. */
    SOFT_TISSUE("soft-tissue", -29, 150),
    /** Aerated lung (and any air): -1000..-400 HU. */
    LUNG("lung", -1000, -400),
    /** Adipose tissue: -190..-30 HU. */
    FAT("fat", -190, -30),
    /** Iodine-enhanced vessels: 200..600 HU. */
    CONTRAST_VESSEL("contrast-vessel", 200, 600);

    private final String cliName;
    private final ThresholdRange range;

    HuPresets(String cliName, double lower, double upper) {
        this.cliName = cliName;
        this.range = new ThresholdRange(lower, upper);
    }

    /** The range in HU, both bounds inclusive. */
    public ThresholdRange range() {
        return range;
    }

    /** The name used on the command line ({@code bone}, {@code soft-tissue} ...). */
    public String cliName() {
        return cliName;
    }

    /**
     * The preset called {@code name} (command-line name, case-insensitive; {@code _} may stand for
     * {@code -}).
     *
     * @throws IllegalArgumentException naming the known presets
     */
    public static HuPresets byName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (HuPresets p : values()) {
            if (p.cliName.equals(n)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown preset '" + name + "' (known: "
                + Arrays.stream(values()).map(HuPresets::cliName).collect(Collectors.joining(", ")) + ")");
    }
}
