package org.organ3d.io.nifti;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The fields of a NIfTI-1 (348-byte) or NIfTI-2 (540-byte) header that organ3d uses, decoded to
 * doubles and longs whatever the version, and encoded back (little-endian) by {@link #encode}.
 * Field offsets follow nifti1.h and nifti2.h. Mutable holder, confined to one reader or writer.
 */
final class NiftiHeader {

    static final int SIZE1 = 348;
    static final int SIZE2 = 540;
    static final byte[] MAGIC2 = {'n', '+', '2', 0, '\r', '\n', 0x1a, '\n'};

    int version;
    ByteOrder order = ByteOrder.LITTLE_ENDIAN;
    boolean pair;
    final long[] dim = new long[8];
    int datatype;
    int bitpix;
    final double[] pixdim = new double[8];
    double voxOffset;
    double sclSlope;
    double sclInter;
    int qformCode;
    int sformCode;
    double quaternB;
    double quaternC;
    double quaternD;
    final double[] qoffset = new double[3];
    final double[][] srow = new double[3][4];
    int intentCode;
    int xyztUnits;
    String descrip = "";

    /** Header size in bytes for this version. */
    int size() {
        return version == 2 ? SIZE2 : SIZE1;
    }

    /**
     * The version and byte order from the first four bytes ({@code sizeof_hdr}), or null when they
     * are not 348 or 540 in either byte order.
     */
    static NiftiHeader sniff(byte[] first4) {
        for (ByteOrder o : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            int s = ByteBuffer.wrap(first4, 0, 4).order(o).getInt();
            if (s == SIZE1 || s == SIZE2) {
                NiftiHeader h = new NiftiHeader();
                h.version = s == SIZE1 ? 1 : 2;
                h.order = o;
                return h;
            }
        }
        return null;
    }

    /** Decodes the full header ({@link #size()} bytes) after {@link #sniff}. */
    void decode(byte[] bytes, Path file) throws NiftiFormatException {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(order);
        if (version == 1) {
            decode1(b, file);
        } else {
            decode2(b, file);
        }
    }

    private void decode1(ByteBuffer b, Path file) throws NiftiFormatException {
        String magic = new String(bytes(b, 344, 4), StandardCharsets.US_ASCII);
        if (magic.equals("ni1\0")) {
            pair = true;
        } else if (!magic.equals("n+1\0")) {
            throw new NiftiFormatException(file, 344, "bad NIfTI-1 magic " + printable(magic)
                    + " (expected \"n+1\"; an ANALYZE 7.5 file is not supported)");
        }
        for (int i = 0; i < 8; i++) {
            dim[i] = b.getShort(40 + 2 * i);
            pixdim[i] = b.getFloat(76 + 4 * i);
        }
        intentCode = b.getShort(68);
        datatype = b.getShort(70);
        bitpix = b.getShort(72);
        voxOffset = b.getFloat(108);
        sclSlope = b.getFloat(112);
        sclInter = b.getFloat(116);
        xyztUnits = b.get(123);
        descrip = cString(bytes(b, 148, 80));
        qformCode = b.getShort(252);
        sformCode = b.getShort(254);
        quaternB = b.getFloat(256);
        quaternC = b.getFloat(260);
        quaternD = b.getFloat(264);
        for (int i = 0; i < 3; i++) {
            qoffset[i] = b.getFloat(268 + 4 * i);
            for (int c = 0; c < 4; c++) {
                srow[i][c] = b.getFloat(280 + 16 * i + 4 * c);
            }
        }
    }

    private void decode2(ByteBuffer b, Path file) throws NiftiFormatException {
        byte[] magic = bytes(b, 4, 8);
        if (magic[0] == 'n' && magic[1] == 'i' && magic[2] == '2') {
            pair = true;
        } else if (!(magic[0] == 'n' && magic[1] == '+' && magic[2] == '2')) {
            throw new NiftiFormatException(file, 4, "bad NIfTI-2 magic " + printable(new String(magic, StandardCharsets.ISO_8859_1)));
        }
        if (magic[3] != 0 || magic[4] != '\r' || magic[5] != '\n' || magic[6] != 0x1a || magic[7] != '\n') {
            throw new NiftiFormatException(file, 7, "NIfTI-2 magic has a damaged line-ending signature (file transferred in text mode?)");
        }
        datatype = b.getShort(12);
        bitpix = b.getShort(14);
        for (int i = 0; i < 8; i++) {
            dim[i] = b.getLong(16 + 8 * i);
            pixdim[i] = b.getDouble(104 + 8 * i);
        }
        voxOffset = b.getLong(168);
        sclSlope = b.getDouble(176);
        sclInter = b.getDouble(184);
        descrip = cString(bytes(b, 240, 80));
        qformCode = b.getInt(344);
        sformCode = b.getInt(348);
        quaternB = b.getDouble(352);
        quaternC = b.getDouble(360);
        quaternD = b.getDouble(368);
        for (int i = 0; i < 3; i++) {
            qoffset[i] = b.getDouble(376 + 8 * i);
            for (int c = 0; c < 4; c++) {
                srow[i][c] = b.getDouble(400 + 32 * i + 8 * c);
            }
        }
        xyztUnits = b.getInt(500);
        intentCode = b.getInt(504);
    }

    /** Encodes this header, little-endian, as {@link #size()} bytes (single-file magic). */
    byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(size()).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, size());
        byte[] desc = descrip.getBytes(StandardCharsets.US_ASCII);
        if (version == 1) {
            b.put(38, (byte) 'r');
            for (int i = 0; i < 8; i++) {
                b.putShort(40 + 2 * i, (short) dim[i]);
                b.putFloat(76 + 4 * i, (float) pixdim[i]);
            }
            b.putShort(68, (short) intentCode);
            b.putShort(70, (short) datatype);
            b.putShort(72, (short) bitpix);
            b.putFloat(108, (float) voxOffset);
            b.putFloat(112, (float) sclSlope);
            b.putFloat(116, (float) sclInter);
            b.put(123, (byte) xyztUnits);
            b.put(148, desc, 0, Math.min(79, desc.length));
            b.putShort(252, (short) qformCode);
            b.putShort(254, (short) sformCode);
            b.putFloat(256, (float) quaternB);
            b.putFloat(260, (float) quaternC);
            b.putFloat(264, (float) quaternD);
            for (int i = 0; i < 3; i++) {
                b.putFloat(268 + 4 * i, (float) qoffset[i]);
                for (int c = 0; c < 4; c++) {
                    b.putFloat(280 + 16 * i + 4 * c, (float) srow[i][c]);
                }
            }
            b.put(344, new byte[] {'n', '+', '1', 0});
        } else {
            b.put(4, MAGIC2);
            b.putShort(12, (short) datatype);
            b.putShort(14, (short) bitpix);
            for (int i = 0; i < 8; i++) {
                b.putLong(16 + 8 * i, dim[i]);
                b.putDouble(104 + 8 * i, pixdim[i]);
            }
            b.putLong(168, (long) voxOffset);
            b.putDouble(176, sclSlope);
            b.putDouble(184, sclInter);
            b.put(240, desc, 0, Math.min(79, desc.length));
            b.putInt(344, qformCode);
            b.putInt(348, sformCode);
            b.putDouble(352, quaternB);
            b.putDouble(360, quaternC);
            b.putDouble(368, quaternD);
            for (int i = 0; i < 3; i++) {
                b.putDouble(376 + 8 * i, qoffset[i]);
                for (int c = 0; c < 4; c++) {
                    b.putDouble(400 + 32 * i + 8 * c, srow[i][c]);
                }
            }
            b.putInt(500, xyztUnits);
            b.putInt(504, intentCode);
        }
        return b.array();
    }

    private static byte[] bytes(ByteBuffer b, int off, int len) {
        byte[] r = new byte[len];
        b.get(off, r);
        return r;
    }

    private static String cString(byte[] raw) {
        int n = 0;
        while (n < raw.length && raw[n] != 0) {
            n++;
        }
        return new String(raw, 0, n, StandardCharsets.ISO_8859_1).trim();
    }

    private static String printable(String s) {
        StringBuilder r = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            r.append(c >= 32 && c < 127 ? String.valueOf(c) : String.format("\\x%02x", (int) c));
        }
        return r.append('"').toString();
    }
}
