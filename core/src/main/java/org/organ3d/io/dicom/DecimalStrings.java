package org.organ3d.io.dicom;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Formats numbers as DICOM Decimal Strings (DS): at most 16 characters, digits, sign, point and
 * exponent only. Keeps as many significant digits as fit (up to the 17 that identify a double), so
 * positions written in mm keep sub-nanometre precision in ordinary ranges.
 */
public final class DecimalStrings {

    private static final int MAX = 16;

    private DecimalStrings() {
    }

    /**
     * The shortest faithful DS text for {@code v} that fits 16 characters.
     *
     * @throws IllegalArgumentException if {@code v} is NaN or infinite (DS cannot hold them)
     */
    public static String format(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("DS cannot hold " + v);
        }
        if (v == 0) {
            return "0";
        }
        BigDecimal exact = new BigDecimal(Double.toString(v));
        String plain = strip(exact).toPlainString();
        if (plain.length() <= MAX) {
            return plain;
        }
        for (int digits = 16; digits >= 1; digits--) {
            BigDecimal r = strip(exact.round(new MathContext(digits, RoundingMode.HALF_EVEN)));
            String p = r.toPlainString();
            if (p.length() <= MAX) {
                return p;
            }
            String e = scientific(r);
            if (e.length() <= MAX) {
                return e;
            }
        }
        throw new IllegalArgumentException("cannot format " + v + " in 16 characters");
    }

    private static String scientific(BigDecimal r) {
        String digits = r.unscaledValue().abs().toString();
        int exp = digits.length() - 1 - r.scale();
        String mant = digits.length() > 1 ? digits.charAt(0) + "." + digits.substring(1) : digits;
        return (r.signum() < 0 ? "-" : "") + mant + "E" + exp;
    }

    private static BigDecimal strip(BigDecimal b) {
        BigDecimal s = b.stripTrailingZeros();
        return s.scale() < 0 && s.precision() - s.scale() <= MAX ? s.setScale(0, RoundingMode.UNNECESSARY) : s;
    }
}
