package org.organ3d.io.nifti;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.joml.Matrix4d;
import org.organ3d.volume.LabelInfo;

/**
 * organ3d's NIfTI header extension: a plain-text comment extension (ecode 6, NIFTI_ECODE_COMMENT)
 * that carries what NIfTI-1's float32 fields cannot: the index→RAS affine and the rescale in full
 * double precision, and label names and colours. Other tools show it as a comment and ignore it.
 *
 * <p>Text format, one item per line:
 * <pre>
 * organ3d-nifti 1
 * affine-ras r00 r01 r02 r03 r10 ... r23      (12 numbers, rows 0..2)
 * rescale slope intercept
 * label VALUE RRGGBBAA NAME
 * </pre>
 * The reader uses the affine and rescale only when they agree with the header's own sform/qform and
 * scl fields to float32 precision, so a file edited by another tool (which keeps the stale comment)
 * falls back to the header.
 */
final class Organ3dExtension {

    static final int ECODE_COMMENT = 6;
    private static final String MAGIC = "organ3d-nifti 1";

    Matrix4d affineRas;
    double slope = Double.NaN;
    double intercept = Double.NaN;
    final Map<Integer, LabelInfo> labels = new TreeMap<>();

    /** The extension bytes (esize, ecode, text padded to a multiple of 16). */
    byte[] encode() {
        StringBuilder s = new StringBuilder(MAGIC).append('\n');
        if (affineRas != null) {
            s.append("affine-ras");
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 4; c++) {
                    s.append(' ').append(affineRas.getRowColumn(r, c));
                }
            }
            s.append('\n');
        }
        if (Double.isFinite(slope)) {
            s.append("rescale ").append(slope).append(' ').append(intercept).append('\n');
        }
        for (LabelInfo l : labels.values()) {
            s.append(String.format(Locale.ROOT, "label %d %08x %s%n", l.value(), l.rgba(),
                    l.name().replace('\n', ' ').replace('\r', ' ')));
        }
        byte[] text = s.toString().getBytes(StandardCharsets.UTF_8);
        int esize = (8 + text.length + 1 + 15) / 16 * 16;
        ByteBuffer b = ByteBuffer.allocate(esize).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(esize).putInt(ECODE_COMMENT).put(text);
        return b.array();
    }

    /**
     * Finds organ3d's extension among the extensions in {@code area} (the bytes between the end of
     * the header and vox_offset, starting with the 4-byte extender), or returns null. Malformed
     * extension chains are ignored (they are optional by the standard).
     */
    static Organ3dExtension find(byte[] area, ByteOrder order) {
        if (area.length < 4 || area[0] == 0) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(area).order(order);
        int pos = 4;
        while (pos + 8 <= area.length) {
            int esize = b.getInt(pos);
            int ecode = b.getInt(pos + 4);
            if (esize < 16 || esize % 16 != 0 || pos + (long) esize > area.length) {
                return null;
            }
            if (ecode == ECODE_COMMENT) {
                String text = new String(area, pos + 8, esize - 8, StandardCharsets.UTF_8);
                int nul = text.indexOf('\0');
                Organ3dExtension e = parse(nul >= 0 ? text.substring(0, nul) : text);
                if (e != null) {
                    return e;
                }
            }
            pos += esize;
        }
        return null;
    }

    private static Organ3dExtension parse(String text) {
        String[] lines = text.split("\n");
        if (lines.length == 0 || !lines[0].trim().equals(MAGIC)) {
            return null;
        }
        Organ3dExtension e = new Organ3dExtension();
        try {
            for (int i = 1; i < lines.length; i++) {
                String line = lines[i].trim();
                if (line.startsWith("affine-ras ")) {
                    String[] t = line.substring(11).trim().split("\\s+");
                    if (t.length != 12) {
                        return null;
                    }
                    Matrix4d m = new Matrix4d();
                    for (int k = 0; k < 12; k++) {
                        m.setRowColumn(k / 4, k % 4, Double.parseDouble(t[k]));
                    }
                    e.affineRas = m;
                } else if (line.startsWith("rescale ")) {
                    String[] t = line.substring(8).trim().split("\\s+");
                    e.slope = Double.parseDouble(t[0]);
                    e.intercept = Double.parseDouble(t[1]);
                } else if (line.startsWith("label ")) {
                    String[] t = line.split(" ", 4);
                    int v = Integer.parseInt(t[1]);
                    int rgba = (int) Long.parseLong(t[2], 16);
                    e.labels.put(v, new LabelInfo(v, t.length > 3 ? t[3] : "", rgba));
                }
            }
        } catch (RuntimeException ex) {
            return null;
        }
        return e;
    }

    /** True if the float32-stored {@code header} matrix is {@code exact} rounded to float precision. */
    static boolean agrees(Matrix4d exact, Matrix4d header) {
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 4; c++) {
                double x = exact.getRowColumn(r, c);
                double h = header.getRowColumn(r, c);
                if (Math.abs(x - h) > 1e-6 * Math.max(1.0, Math.abs(x))) {
                    return false;
                }
            }
        }
        return true;
    }
}
