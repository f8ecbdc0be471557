package org.organ3d.io.dicom.seg;

/**
 * Colours as DICOM segmentations store them: Recommended Display CIELab Value (0062,000D), three
 * unsigned 16-bit numbers scaled from CIE L*a*b* (PS3.3 C.10.7.1.1: L* 0..100 → 0..65535, a* and b*
 * −128..127 → 0..65535), converted from and to sRGB with the D65 white point (95.047, 100, 108.883),
 * as 3D Slicer (dcmqi) and highdicom do.
 *
 * <p>Round trip: an 8-bit sRGB colour comes back exactly (the 16-bit Lab grid is about 0.0015 L*
 * fine). Colours outside the sRGB gamut are clipped to it on the way back. Stateless, thread-safe.
 */
public final class CieLab {

    private static final double XN = 95.047;
    private static final double YN = 100.0;
    private static final double ZN = 108.883;

    private CieLab() {
    }

    /** The DICOM-scaled L*a*b* triple of an 0xRRGGBBAA colour (alpha ignored). */
    public static int[] fromRgba(int rgba) {
        double r = linear(((rgba >>> 24) & 0xFF) / 255.0);
        double g = linear(((rgba >>> 16) & 0xFF) / 255.0);
        double b = linear(((rgba >>> 8) & 0xFF) / 255.0);
        double x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) * 100;
        double y = (0.2126729 * r + 0.7151522 * g + 0.0721750 * b) * 100;
        double z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) * 100;
        double fx = f(x / XN);
        double fy = f(y / YN);
        double fz = f(z / ZN);
        double l = 116 * fy - 16;
        double a = 500 * (fx - fy);
        double bb = 200 * (fy - fz);
        return new int[] {scale(l / 100.0), scale((a + 128) / 255.0), scale((bb + 128) / 255.0)};
    }

    /** The 0xRRGGBBAA colour (alpha 0xFF) of a DICOM-scaled L*a*b* triple. */
    public static int toRgba(int[] lab) {
        if (lab == null || lab.length < 3) {
            throw new IllegalArgumentException("CIELab value needs three numbers");
        }
        double l = (lab[0] & 0xFFFF) / 65535.0 * 100;
        double a = (lab[1] & 0xFFFF) / 65535.0 * 255 - 128;
        double b = (lab[2] & 0xFFFF) / 65535.0 * 255 - 128;
        double fy = (l + 16) / 116;
        double fx = fy + a / 500;
        double fz = fy - b / 200;
        double x = XN * finv(fx) / 100;
        double y = YN * finv(fy) / 100;
        double z = ZN * finv(fz) / 100;
        double r = 3.2404542 * x - 1.5371385 * y - 0.4985314 * z;
        double g = -0.9692660 * x + 1.8760108 * y + 0.0415560 * z;
        double bl = 0.0556434 * x - 0.2040259 * y + 1.0572252 * z;
        return (byte8(gamma(r)) << 24) | (byte8(gamma(g)) << 16) | (byte8(gamma(bl)) << 8) | 0xFF;
    }

    private static double linear(double c) {
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    private static double gamma(double c) {
        double v = c <= 0.0031308 ? 12.92 * c : 1.055 * Math.pow(c, 1 / 2.4) - 0.055;
        return Math.max(0, Math.min(1, v));
    }

    private static double f(double t) {
        double d = 6.0 / 29;
        return t > d * d * d ? Math.cbrt(t) : t / (3 * d * d) + 4.0 / 29;
    }

    private static double finv(double t) {
        double d = 6.0 / 29;
        return t > d ? t * t * t : 3 * d * d * (t - 4.0 / 29);
    }

    private static int scale(double unit) {
        return (int) Math.round(Math.max(0, Math.min(1, unit)) * 65535);
    }

    private static int byte8(double unit) {
        return (int) Math.round(unit * 255);
    }
}
