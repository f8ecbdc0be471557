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
    /** Label Map Segmentation Storage (DICOM Supplement 243, 2024): one frame per slice, pixel = segment number. */
    public static final String LABEL_MAP_SEGMENTATION_STORAGE = "1.2.840.10008.5.1.4.1.1.66.7";
    public static final String RT_STRUCTURE_SET_STORAGE = "1.2.840.10008.5.1.4.1.1.481.3";
    public static final String BASIC_TEXT_SR_STORAGE = "1.2.840.10008.5.1.4.1.1.88.11";
    public static final String ENHANCED_SR_STORAGE = "1.2.840.10008.5.1.4.1.1.88.22";
    public static final String COMPREHENSIVE_SR_STORAGE = "1.2.840.10008.5.1.4.1.1.88.33";
    public static final String COMPREHENSIVE_3D_SR_STORAGE = "1.2.840.10008.5.1.4.1.1.88.34";
    /** DICOM Content Mapping Resource (DCMR), the owner of the SR templates (TID 1500). */
    public static final String DICOM_CONTENT_MAPPING_RESOURCE = "1.2.840.10008.8.1.1";
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

    /** True for the SOP classes of segmentations (binary/fractional and label map SEG). */
    public static boolean isSegmentation(String sopClass) {
        return SEGMENTATION_STORAGE.equals(sopClass) || LABEL_MAP_SEGMENTATION_STORAGE.equals(sopClass);
    }

    /** True for structured report SOP classes (1.2.840.10008.5.1.4.1.1.88.*). */
    public static boolean isStructuredReport(String sopClass) {
        return sopClass != null && sopClass.startsWith("1.2.840.10008.5.1.4.1.1.88.");
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
