package org.organ3d.io.nrrd;

import java.nio.ByteOrder;
import java.util.Locale;
import org.organ3d.io.raw.SampleType;

/** Parsing of NRRD field values: types, vectors {@code (x,y,z)}, spaces, numbers. Stateless. */
final class NrrdFields {

    private NrrdFields() {
    }

    /** The sample type named by a NRRD {@code type} value, or null when unsupported. */
    static SampleType type(String v) {
        return switch (v.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ")) {
            case "uchar", "unsigned char", "uint8", "uint8_t" -> SampleType.UINT8;
            case "signed char", "int8", "int8_t" -> SampleType.INT8;
            case "short", "short int", "signed short", "signed short int", "int16", "int16_t" -> SampleType.INT16;
            case "ushort", "unsigned short", "unsigned short int", "uint16", "uint16_t" -> SampleType.UINT16;
            case "int", "signed int", "int32", "int32_t" -> SampleType.INT32;
            case "uint", "unsigned int", "uint32", "uint32_t" -> SampleType.UINT32;
            case "float" -> SampleType.FLOAT32;
            case "double" -> SampleType.FLOAT64;
            default -> null;
        };
    }

    /** The NRRD {@code type} value written for a sample type. */
    static String typeName(SampleType t) {
        return switch (t) {
            case UINT8 -> "unsigned char";
            case INT8 -> "signed char";
            case INT16 -> "short";
            case UINT16 -> "unsigned short";
            case INT32 -> "int";
            case UINT32 -> "unsigned int";
            case FLOAT32 -> "float";
            case FLOAT64 -> "double";
        };
    }

    /** Byte order of an {@code endian} value, or null. */
    static ByteOrder endian(String v) {
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "little" -> ByteOrder.LITTLE_ENDIAN;
            case "big" -> ByteOrder.BIG_ENDIAN;
            default -> null;
        };
    }

    /**
     * Signs that turn coordinates of a NRRD {@code space} into LPS, {@code {sx, sy, sz}}; null for
     * spaces organ3d cannot place (time-varying spaces). {@code [3] = 1} marks a space that is not
     * anatomical (scanner-xyz, 3D-right-handed ...), taken as LPS.
     */
    static double[] toLps(String space) {
        return switch (space.trim().toLowerCase(Locale.ROOT)) {
            case "left-posterior-superior", "lps" -> new double[] {1, 1, 1, 0};
            case "right-anterior-superior", "ras" -> new double[] {-1, -1, 1, 0};
            case "left-anterior-superior", "las" -> new double[] {1, -1, 1, 0};
            case "scanner-xyz", "3d-right-handed", "3d-left-handed" -> new double[] {1, 1, 1, 1};
            default -> null;
        };
    }

    /** A vector {@code (a,b,c)}, or null for {@code none}. */
    static double[] vector(String token) {
        String t = token.trim();
        if (t.equalsIgnoreCase("none")) {
            return null;
        }
        if (!t.startsWith("(") || !t.endsWith(")")) {
            throw new NumberFormatException("not a vector: " + token);
        }
        String[] p = t.substring(1, t.length() - 1).split(",");
        double[] v = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            v[i] = number(p[i]);
        }
        return v;
    }

    /** Splits a list of vectors/none separated by spaces ("(1,0,0) (0, 1,0) none"). */
    static String[] vectors(String value) {
        return value.trim().replaceAll("\\s*,\\s*", ",").replaceAll("\\(\\s+", "(").replaceAll("\\s+\\)", ")").split("\\s+");
    }

    /** A number, accepting nan and inf as NRRD does. */
    static double number(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "nan" -> Double.NaN;
            case "inf", "+inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(t);
        };
    }

    /** Vector formatting for the writer: exact (shortest round-tripping) decimals. */
    static String vector(double x, double y, double z) {
        return "(" + x + "," + y + "," + z + ")";
    }
}
