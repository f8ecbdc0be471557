package org.organ3d.io.dicom.codec;

/**
 * YCbCr → RGB for interleaved 8-bit samples, in place: JFIF / ITU-T T.871 full range for YBR_FULL*,
 * ITU-R BT.601 studio range for YBR_PARTIAL* (PS3.3 C.7.6.3.1.2). Results are rounded and clamped
 * to 0..255.
 */
final class YccToRgb {

    private YccToRgb() {
    }

    static void convert(int[] s, boolean partial) {
        for (int i = 0; i + 2 < s.length; i += 3) {
            double y = s[i];
            double cb = s[i + 1] - 128.0;
            double cr = s[i + 2] - 128.0;
            double r;
            double g;
            double b;
            if (partial) {
                y = 1.164383 * (y - 16.0);
                r = y + 1.596027 * cr;
                g = y - 0.391762 * cb - 0.812968 * cr;
                b = y + 2.017232 * cb;
            } else {
                r = y + 1.402 * cr;
                g = y - 0.344136 * cb - 0.714136 * cr;
                b = y + 1.772 * cb;
            }
            s[i] = clamp(r);
            s[i + 1] = clamp(g);
            s[i + 2] = clamp(b);
        }
    }

    private static int clamp(double v) {
        long r = Math.round(v);
        return r < 0 ? 0 : r > 255 ? 255 : (int) r;
    }
}
