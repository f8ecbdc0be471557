package org.organ3d.io.dicom;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits encapsulated pixel data (PS3.5 A.4) into the compressed bytes of each frame.
 *
 * <p>Frame boundaries come from, in order of preference: the Extended Offset Table (7FE0,0001) with
 * its lengths (7FE0,0002); the Basic Offset Table (first item); one frame per fragment when the
 * counts agree; all fragments for a single frame; and, lacking all of these, the start-of-codestream
 * markers of JPEG (FFD8) and JPEG 2000 (FF4F) at the start of a fragment. Offsets are relative to the
 * first byte of the item tag of the first fragment after the offset table.
 */
final class EncapsulatedFrames {

    private EncapsulatedFrames() {
    }

    /**
     * The compressed bytes of frame {@code frame} of {@code frames} (a new array, fragments concatenated).
     *
     * @throws DicomParseException if the fragments cannot be split as the tables say
     */
    public static byte[] frame(Attributes ds, Attributes.Element pixels, int frame, int frames, Path file)
            throws DicomParseException {
        List<Attributes.Fragment> all = pixels.fragments();
        if (all.isEmpty()) {
            throw new DicomParseException(file, pixels.offset(), "encapsulated pixel data without items");
        }
        List<Attributes.Fragment> data = all.subList(1, all.size());
        if (data.isEmpty()) {
            throw new DicomParseException(file, pixels.offset(), "encapsulated pixel data has no fragments after the offset table");
        }
        long base = data.get(0).offset() - 8;
        long[] rel = new long[data.size()];
        for (int i = 0; i < rel.length; i++) {
            rel[i] = data.get(i).offset() - 8 - base;
        }
        long[] eot = offsets(value(ds.get(Tag.ExtendedOffsetTable)), 8);
        if (eot != null && eot.length == frames) {
            long[] lens = offsets(value(ds.get(Tag.ExtendedOffsetTableLengths)), 8);
            long len = lens != null && lens.length == frames ? lens[frame] : -1;
            return byOffsets(data, rel, eot[frame], frame + 1 < frames ? eot[frame + 1] : Long.MAX_VALUE, len, file, pixels);
        }
        long[] bot = offsets(all.get(0).data(), 4);
        if (frames == 1) {
            return concat(data, 0, data.size());
        }
        if (bot != null && bot.length == frames) {
            return byOffsets(data, rel, bot[frame], frame + 1 < frames ? bot[frame + 1] : Long.MAX_VALUE, -1, file, pixels);
        }
        if (data.size() == frames) {
            return concat(data, frame, frame + 1);
        }
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            ByteBuffer b = data.get(i).data();
            if (b.remaining() >= 2 && (b.get(0) & 0xFF) == 0xFF && ((b.get(1) & 0xFF) == 0xD8 || (b.get(1) & 0xFF) == 0x4F)) {
                starts.add(i);
            }
        }
        if (starts.size() == frames && starts.get(0) == 0) {
            int a = starts.get(frame);
            int z = frame + 1 < frames ? starts.get(frame + 1) : data.size();
            return concat(data, a, z);
        }
        throw new DicomParseException(file, pixels.offset(), "cannot split " + data.size() + " fragments into "
                + frames + " frames: no usable offset table and no frame start markers");
    }

    private static ByteBuffer value(Attributes.Element e) {
        return e == null ? null : e.value();
    }

    private static long[] offsets(ByteBuffer v, int width) {
        if (v == null || v.remaining() == 0 || v.remaining() % width != 0) {
            return null;
        }
        ByteBuffer b = v.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        long[] o = new long[b.remaining() / width];
        for (int i = 0; i < o.length; i++) {
            o[i] = width == 4 ? Integer.toUnsignedLong(b.getInt(4 * i)) : b.getLong(8 * i);
        }
        return o;
    }

    private static byte[] byOffsets(List<Attributes.Fragment> data, long[] rel, long from, long to, long length,
            Path file, Attributes.Element pixels) throws DicomParseException {
        int a = -1;
        for (int i = 0; i < rel.length; i++) {
            if (rel[i] == from) {
                a = i;
                break;
            }
        }
        if (a < 0) {
            throw new DicomParseException(file, pixels.offset(), "offset table entry " + from + " does not point at a fragment");
        }
        int z = a + 1;
        while (z < rel.length && rel[z] < to) {
            z++;
        }
        byte[] out = concat(data, a, z);
        if (length >= 0 && length <= out.length) {
            return java.util.Arrays.copyOf(out, (int) length);
        }
        return out;
    }

    private static byte[] concat(List<Attributes.Fragment> data, int from, int to) {
        long n = 0;
        for (int i = from; i < to; i++) {
            n += data.get(i).data().remaining();
        }
        // NB: n is bounded by the bytes of the parsed buffer (fragments are views of it)
        byte[] out = new byte[(int) n];
        int p = 0;
        for (int i = from; i < to; i++) {
            ByteBuffer b = data.get(i).data().duplicate();
            int len = b.remaining();
            b.get(out, p, len);
            p += len;
        }
        return out;
    }
}
