package org.organ3d.io.dicom;

import java.util.Objects;

/**
 * A coded concept (PS3.3 8.8, the Code Sequence Macro): code value, coding scheme designator and
 * code meaning, e.g. {@code (10200004, SCT, "Liver")}. Used for segment categories and types,
 * SR concept names, units (UCUM) and methods.
 *
 * @param value   code value (up to 16 characters, else written as Long Code Value)
 * @param scheme  coding scheme designator: {@code SCT}, {@code DCM}, {@code UCUM}, {@code IBSI}, or
 *                a private scheme starting with {@code 99}
 * @param meaning code meaning, human readable
 */
public record CodedConcept(String value, String scheme, String meaning) {

    public CodedConcept {
        Objects.requireNonNull(value);
        Objects.requireNonNull(scheme);
        Objects.requireNonNull(meaning);
        if (value.isBlank() || scheme.isBlank()) {
            throw new IllegalArgumentException("code value and scheme must not be empty: (" + value + ", " + scheme + ")");
        }
    }

    /** A code sequence item holding this concept (text in UTF-8, see {@link Attributes#utf8()}). */
    public Attributes toItem() {
        Attributes a = Attributes.utf8();
        if (value.length() <= 16) {
            a.setString(Tag.CodeValue, VR.SH, value);
        } else {
            a.setString(Tag.LongCodeValue, VR.UC, value);
        }
        a.setString(Tag.CodingSchemeDesignator, VR.SH, scheme);
        a.setString(Tag.CodeMeaning, VR.LO, meaning);
        return a;
    }

    /**
     * The concept of a code sequence item (Code Value, Long Code Value or URN Code Value), or null
     * when the item is null or has no value.
     */
    public static CodedConcept of(Attributes item) {
        if (item == null) {
            return null;
        }
        String v = item.getString(Tag.CodeValue);
        if (v == null) {
            v = item.getString(Tag.LongCodeValue);
        }
        if (v == null) {
            v = item.getString(Tag.URNCodeValue);
        }
        String s = item.getString(Tag.CodingSchemeDesignator);
        if (v == null) {
            return null;
        }
        String m = item.getText(Tag.CodeMeaning);
        return new CodedConcept(v, s == null ? "?" : s, m == null ? "" : m);
    }

    /** True if value and scheme match (meanings may differ in wording). */
    public boolean sameCode(CodedConcept o) {
        return o != null && value.equals(o.value) && scheme.equals(o.scheme);
    }

    @Override
    public String toString() {
        return "(" + value + ", " + scheme + ", \"" + meaning + "\")";
    }
}
