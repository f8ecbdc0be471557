package org.organ3d.io.dicom;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds DICOM byte streams by hand for parser tests (little or big endian). */
final class Bytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final boolean big;

    Bytes(boolean bigEndian) {
        this.big = bigEndian;
    }

    static Bytes le() {
        return new Bytes(false);
    }

    Bytes u16(int v) {
        if (big) {
            out.write(v >> 8);
            out.write(v);
        } else {
            out.write(v);
            out.write(v >> 8);
        }
        return this;
    }

    Bytes u32(long v) {
        if (big) {
            u16((int) (v >>> 16) & 0xFFFF);
            u16((int) v & 0xFFFF);
        } else {
            u16((int) v & 0xFFFF);
            u16((int) (v >>> 16) & 0xFFFF);
        }
        return this;
    }

    Bytes tag(int tag) {
        return u16(tag >>> 16).u16(tag & 0xFFFF);
    }

    Bytes raw(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    Bytes ascii(String s) {
        return raw(s.getBytes(StandardCharsets.US_ASCII));
    }

    /** Explicit VR element with a short (2-byte) length. */
    Bytes shortEl(int tag, String vr, byte[] value) {
        return tag(tag).ascii(vr).u16(value.length).raw(value);
    }

    /** Explicit VR element with a long (4-byte) length; {@code len} may differ from the value (for bad input). */
    Bytes longEl(int tag, String vr, long len, byte[] value) {
        return tag(tag).ascii(vr).u16(0).u32(len).raw(value);
    }

    /** Implicit VR element. */
    Bytes implicitEl(int tag, byte[] value) {
        return tag(tag).u32(value.length).raw(value);
    }

    Bytes us(int tag, int v) {
        return shortEl(tag, "US", new Bytes(big).u16(v).bytes());
    }

    Bytes text(int tag, String vr, String s) {
        String v = s.length() % 2 == 1 ? s + (vr.equals("UI") ? "\0" : " ") : s;
        return shortEl(tag, vr, v.getBytes(StandardCharsets.US_ASCII));
    }

    /** Part 10 preamble, DICM and a meta group naming the transfer syntax. */
    Bytes part10(String transferSyntax) {
        raw(new byte[128]).ascii("DICM");
        Bytes meta = le().text(Tag.TransferSyntaxUID, "UI", transferSyntax);
        byte[] m = meta.bytes();
        Bytes gl = le();
        gl.shortEl(Tag.FileMetaInformationGroupLength, "UL", le().u32(m.length).bytes());
        raw(gl.bytes()).raw(m);
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }
}
