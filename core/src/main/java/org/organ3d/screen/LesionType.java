package org.organ3d.screen;

/** What a candidate looks like (the contract's {@code type} values). */
public enum LesionType {
    /** Lung nodule whose solid (≥ −300 HU) part is most of it. */
    SOLID("solid"),
    /** Lung nodule of ground glass with a solid component. */
    PART_SOLID("part-solid"),
    /** Lung nodule of ground glass only (about −750 to −300 HU). */
    GROUND_GLASS("ground-glass"),
    /** Organ lesion darker than the organ. */
    HYPODENSE("hypodense"),
    /** Organ lesion brighter than the organ. */
    HYPERDENSE("hyperdense");

    private final String key;

    LesionType(String key) {
        this.key = key;
    }

    /** The JSON/CSV value. */
    public String key() {
        return key;
    }
}
