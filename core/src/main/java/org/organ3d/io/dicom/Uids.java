package org.organ3d.io.dicom;

import java.math.BigInteger;
import java.util.UUID;

/** DICOM UIDs: well-known SOP classes and fresh {@code 2.25.<UUID as decimal>} UIDs (PS3.5 B.2). */
public final class Uids {

    public static final String CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2";
    public static final String ENHANCED_CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2.1";
    public static final String MR_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.4";
    public static final String ENHANCED_MR_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.4.1";
    public static final String SECONDARY_CAPTURE_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.7";
    public static final String SEGMENTATION_STORAGE = "1.2.840.10008.5.1.4.1.1.66.4";
    public static final String MEDIA_STORAGE_DIRECTORY = "1.2.840.10008.1.3.10";

    private Uids() {
    }

    /** A new globally unique UID {@code 2.25.<decimal of a random UUID>} (at most 44 characters). */
    public static String random() {
        UUID u = UUID.randomUUID();
        BigInteger hi = new BigInteger(Long.toUnsignedString(u.getMostSignificantBits()));
        BigInteger lo = new BigInteger(Long.toUnsignedString(u.getLeastSignificantBits()));
        return "2.25." + hi.shiftLeft(64).or(lo);
    }

    /** True if {@code uid} is a syntactically valid UID (digits and dots, no leading zeros, ≤ 64 chars). */
    public static boolean isValid(String uid) {
        if (uid == null || uid.isEmpty() || uid.length() > 64) {
            return false;
        }
        for (String part : uid.split("\\.", -1)) {
            if (part.isEmpty() || !part.chars().allMatch(Character::isDigit) || part.length() > 1 && part.charAt(0) == '0') {
                return false;
            }
        }
        return true;
    }
}
