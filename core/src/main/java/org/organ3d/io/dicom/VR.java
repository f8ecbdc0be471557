package org.organ3d.io.dicom;

/**
 * DICOM value representations (PS3.5 §6.2). {@link #longLength()} says whether, in explicit VR, the
 * element header has two reserved bytes and a 4-byte length (OB, OW, OF, OD, OL, OV, SQ, UC, UR, UT,
 * UN, SV, UV) rather than a 2-byte length.
 */
public enum VR {
    AE, AS, AT, CS, DA, DS, DT, FL, FD, IS, LO, LT, OB(true), OD(true), OF(true), OL(true), OV(true),
    OW(true), PN, SH, SL, SQ(true), SS, ST, SV(true), TM, UC(true), UI, UL, UN(true), UR(true), US,
    UT(true), UV(true);

    private final boolean longLength;
    private final int code;

    VR() {
        this(false);
    }

    VR(boolean longLength) {
        this.longLength = longLength;
        this.code = (name().charAt(0) << 8) | name().charAt(1);
    }

    /** True if explicit VR uses a 4-byte length for this VR. */
    public boolean longLength() {
        return longLength;
    }

    /** The two ASCII letters as a 16-bit number, first letter in the high byte. */
    public int code() {
        return code;
    }

    /** True for VRs whose values are text (padded with a space, or NUL for UI). */
    public boolean isText() {
        return switch (this) {
            case AE, AS, CS, DA, DS, DT, IS, LO, LT, PN, SH, ST, TM, UC, UI, UR, UT -> true;
            default -> false;
        };
    }

    /** Padding byte used to make a value's length even. */
    public byte padding() {
        return this == UI || !isText() ? 0 : (byte) ' ';
    }

    /** The VR with the given two-letter code, or null if the code names none. */
    public static VR of(int code) {
        int a = (code >> 8) & 0xFF;
        int b = code & 0xFF;
        if (a < 'A' || a > 'Z' || b < 'A' || b > 'Z') {
            return null;
        }
        for (VR v : values()) {
            if (v.code == code) {
                return v;
            }
        }
        return null;
    }
}
