package org.organ3d.io.dicom;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.organ3d.io.HeapBudget;

/**
 * Parses DICOM Part 10 files (128-byte preamble, {@code DICM}, group 0002 meta information) and bare
 * datasets without preamble or meta (old archives: implicit VR little endian, or whatever the first
 * element shows), in implicit VR LE, explicit VR LE, explicit VR BE and deflated explicit VR LE.
 *
 * <p>Handles defined and undefined lengths, nested sequences and items with delimiters (to a depth
 * of {@value #MAX_DEPTH}), {@code UN} elements of undefined length (read as implicit VR LE, PS3.5
 * §6.2.2) and encapsulated pixel data (items of fragments, the first being the basic offset table).
 *
 * <p><b>Safety.</b> Every length is checked against the bytes that remain before anything is
 * sliced; values are views of the input buffer, never copies, so nothing is allocated from a length
 * in the file. Truncation, lengths past the end, bad VRs and unterminated items throw
 * {@link DicomParseException} with the file and byte offset. Odd value lengths (PS3.5 §7.1.1 wants
 * them even; some writers produce them) are read as given, as dcmtk, GDCM and pydicom do, and
 * reported in {@link DicomFile#warnings()}. The one allocation that grows with the
 * data is the inflated dataset of a deflated file, capped at {@value #MAX_INFLATED} bytes and by the
 * free heap ({@link HeapBudget}).
 *
 * <p>Instances are single-use and not thread-safe; the static entry points are thread-safe.
 */
public final class DicomParser {

    /** Deepest nesting of sequences accepted. */
    public static final int MAX_DEPTH = 32;
    /** Largest inflated dataset accepted for a deflated file (bytes). */
    public static final int MAX_INFLATED = 1 << 30;
    /** Bytes read first when only the header is wanted. */
    static final int HEADER_PREFIX = 64 * 1024;

    private static final long UNDEFINED = 0xFFFFFFFFL;

    /** Thrown inside a header-only parse of a file prefix that was too short; the caller re-reads. */
    private static final class PrefixTooShort extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PrefixTooShort() {
            super(null, null, false, false);
        }
    }

    private final Path file;
    private final long fileLength;
    private final boolean partial;
    private final boolean headerOnly;
    private ByteBuffer buf;
    private int pos;
    private boolean explicit;
    private boolean bigEndian;
    private boolean inflated;
    private boolean stoppedAtPixels;
    private long pixelLength = -1;
    private int oddLengths;
    private String firstOddLength;

    private DicomParser(Path file, ByteBuffer data, long fileLength, boolean headerOnly) {
        this.file = file;
        this.fileLength = fileLength;
        this.buf = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        this.buf.position(0);
        this.partial = data.limit() < fileLength;
        this.headerOnly = headerOnly;
    }

    /** Reads and parses a whole file. */
    public static DicomFile read(Path file) throws IOException {
        return parse(file, readAll(file));
    }

    /**
     * Parses a whole file held in {@code data} (positions 0..limit). The result's values are views of
     * {@code data}.
     */
    public static DicomFile parse(Path file, ByteBuffer data) throws DicomParseException {
        return new DicomParser(file, data, data.limit(), false).run();
    }

    /**
     * Parses a bare dataset (no preamble, no meta group) whose transfer syntax is known, e.g. a DIMSE
     * command set (implicit VR little endian) or a dataset received on a presentation context. The
     * result's values are views of {@code data} (inflated first for the deflated syntax).
     *
     * @param source named in error messages (may be null for data that does not come from a file)
     */
    public static Attributes parseDataset(Path source, ByteBuffer data, TransferSyntax syntax)
            throws DicomParseException {
        DicomParser p = new DicomParser(source, data, data.limit(), false);
        try {
            return p.bareDataset(syntax);
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            throw p.error(p.pos, "malformed data (" + e.getMessage() + ")", e);
        }
    }

    private Attributes bareDataset(TransferSyntax ts) throws DicomParseException {
        explicit = ts.explicitVR();
        bigEndian = ts.bigEndian();
        buf.order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        if (ts.deflated()) {
            inflate();
        }
        Attributes ds = new Attributes(bigEndian);
        readDataset(ds, buf.limit(), 0, false, false);
        return ds;
    }

    /**
     * Parses the header of a file: everything up to the pixel data, which is not read (its declared
     * length is checked against the file size). Reads a prefix of the file first and the whole file
     * only when the header is longer.
     *
     * @throws DicomParseException if the file does not look like DICOM or is malformed
     */
    public static DicomFile readHeader(Path file) throws IOException {
        DicomFile df = readHeaderIfDicom(file);
        if (df == null) {
            throw new DicomParseException(file, 0, "not a DICOM file (no DICM prefix and no plausible dataset start)");
        }
        return df;
    }

    /** As {@link #readHeader}, but null when the first bytes do not look like DICOM at all. */
    public static DicomFile readHeaderIfDicom(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            // NB: enhanced multi-frame headers (functional groups) can be megabytes: grow the prefix
            // 16-fold at a time rather than reading a large file whole for its header
            for (long want = HEADER_PREFIX; ; want *= 16) {
                int n = (int) Math.min(size, Math.min(want, Integer.MAX_VALUE - 8));
                ByteBuffer prefix = ByteBuffer.allocate(n);
                ch.position(0);
                while (prefix.hasRemaining() && ch.read(prefix) >= 0) {
                    // NB: read until the prefix is full or the file ends
                }
                prefix.flip();
                if (want == HEADER_PREFIX) {
                    byte[] head = new byte[Math.min(132, prefix.limit())];
                    prefix.duplicate().get(head);
                    if (!looksLikeDicom(head, head.length)) {
                        return null;
                    }
                }
                try {
                    return new DicomParser(file, prefix, size, true).run();
                } catch (PrefixTooShort e) {
                    if (n >= size || size > (256L << 20) && want >= (16L << 20)) {
                        break;
                    }
                }
            }
        }
        ByteBuffer all = readAll(file);
        return new DicomParser(file, all, all.limit(), true).run();
    }

    /**
     * The SOP Class UID of a file, cheaply: from the Media Storage SOP Class UID of its file meta
     * information (the first 64 KiB), else from a header parse. Null when the file does not look like
     * DICOM or names no SOP class. Lets format dispatch tell a SEG or RTSTRUCT from an image without
     * parsing megabytes of functional groups or contours.
     */
    public static String sopClassUID(Path file) throws IOException {
        ByteBuffer prefix;
        long size;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            size = ch.size();
            prefix = ByteBuffer.allocate((int) Math.min(size, HEADER_PREFIX));
            while (prefix.hasRemaining() && ch.read(prefix) >= 0) {
                // NB: read until the prefix is full or the file ends
            }
            prefix.flip();
        }
        byte[] head = new byte[Math.min(132, prefix.limit())];
        prefix.duplicate().get(head);
        if (!looksLikeDicom(head, head.length)) {
            return null;
        }
        if (head.length == 132 && prefix.limit() > 140 && prefix.order(ByteOrder.LITTLE_ENDIAN).getShort(132) == 0x0002) {
            DicomParser p = new DicomParser(file, prefix, size, true);
            p.pos = 132;
            p.explicit = p.looksExplicit(132);
            Attributes meta = new Attributes(false);
            try {
                p.readDataset(meta, prefix.limit(), 0, false, true);
                String uid = meta.getString(Tag.MediaStorageSOPClassUID);
                if (uid != null) {
                    return uid;
                }
            } catch (PrefixTooShort | DicomParseException | IndexOutOfBoundsException e) {
                // NB: an odd meta group: fall through to the full header parse
            }
        }
        DicomFile df = readHeaderIfDicom(file);
        return df == null ? null : df.dataset().getString(Tag.SOPClassUID);
    }

    /** The whole file as a heap buffer (files of 2 GiB or more are memory-mapped). */
    static ByteBuffer readAll(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size >= Integer.MAX_VALUE - 8) {
                throw new DicomParseException(file, -1, "file of " + size + " bytes is too large (2 GiB at most)");
            }
            if (size > (256L << 20)) {
                return ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
            }
            ByteBuffer b = ByteBuffer.allocate((int) size);
            while (b.hasRemaining() && ch.read(b) >= 0) {
                // NB: FileChannel.read may return fewer bytes than asked
            }
            b.flip();
            return b;
        }
    }

    /**
     * Reads {@code file} into {@code reuse} when it fits (else a new buffer) and returns the buffer
     * holding it (position 0, limit = file size). Lets a thread decode many files with one buffer.
     */
    static ByteBuffer readInto(Path file, ByteBuffer reuse) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (reuse == null || size > reuse.capacity() || size > (256L << 20)) {
                return readAll(file);
            }
            reuse.clear().limit((int) size);
            while (reuse.hasRemaining() && ch.read(reuse) >= 0) {
                // NB: as above
            }
            reuse.flip();
            return reuse;
        }
    }

    private DicomFile run() throws DicomParseException {
        try {
            return parseFile();
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            throw error(pos, "malformed data (" + e.getMessage() + ")", e);
        }
    }

    private DicomFile parseFile() throws DicomParseException {
        int limit = buf.limit();
        if (limit >= 132 && buf.get(128) == 'D' && buf.get(129) == 'I' && buf.get(130) == 'C' && buf.get(131) == 'M') {
            pos = 132;
        } else if (limit == 0) {
            throw error(0, "empty file");
        }
        Attributes meta = new Attributes(false);
        if (limit - pos >= 8 && buf.getShort(pos) == 0x0002) {
            explicit = looksExplicit(pos);
            bigEndian = false;
            readDataset(meta, limit, 0, false, true);
        } else if (pos == 132 && limit - pos < 8) {
            throw error(pos, "truncated after the DICM prefix");
        }
        TransferSyntax ts;
        String uid = meta.getString(Tag.TransferSyntaxUID);
        if (uid != null) {
            ts = TransferSyntax.of(uid);
        } else {
            ts = guessSyntax(pos);
        }
        explicit = ts.explicitVR();
        bigEndian = ts.bigEndian();
        buf.order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        if (ts.deflated()) {
            inflate();
        }
        if (!bigEndian && buf.limit() - pos >= 8 && looksExplicit(pos) != explicit) {
            // NB: writers that label implicit data explicit (and the reverse) exist; like dcmtk and
            // pydicom, trust the first element's bytes over the meta group
            explicit = !explicit;
        }
        Attributes ds = new Attributes(bigEndian);
        readDataset(ds, buf.limit(), 0, false, false);
        Attributes.Element px = ds.get(Tag.PixelData);
        if (px == null) {
            px = ds.contains(Tag.FloatPixelData) ? ds.get(Tag.FloatPixelData) : ds.get(Tag.DoubleFloatPixelData);
        }
        if (!stoppedAtPixels && px != null && !px.isEncapsulated()) {
            pixelLength = px.length();
        }
        List<String> warnings = oddLengths == 0 ? List.of() : List.of(oddLengths + " element(s) of odd length (DICOM "
                + "lengths are even), read with the lengths as given; first: " + firstOddLength);
        return new DicomFile(file, meta, ds, ts, !stoppedAtPixels, pixelLength, warnings);
    }

    private TransferSyntax guessSyntax(int at) throws DicomParseException {
        if (buf.limit() - at < 8) {
            if (buf.limit() == at) {
                throw error(at, "no dataset after the file meta information");
            }
            throw error(at, "truncated: " + (buf.limit() - at) + " bytes is too short for a DICOM dataset");
        }
        int gLe = Short.toUnsignedInt(buf.order(ByteOrder.LITTLE_ENDIAN).getShort(at));
        int gBe = Short.toUnsignedInt(Short.reverseBytes((short) gLe));
        boolean vrBytes = VR.of(((buf.get(at + 4) & 0xFF) << 8) | (buf.get(at + 5) & 0xFF)) != null;
        if (vrBytes && gLe > 0xFF && gBe <= 0xFF) {
            return TransferSyntax.EXPLICIT_VR_BIG_ENDIAN;
        }
        if (vrBytes) {
            return TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN;
        }
        return TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN;
    }

    private boolean looksExplicit(int at) {
        return VR.of(((buf.get(at + 4) & 0xFF) << 8) | (buf.get(at + 5) & 0xFF)) != null;
    }

    private void inflate() throws DicomParseException {
        int start = pos;
        Inflater inf = new Inflater(true);
        try {
            ByteBuffer in = buf.duplicate();
            in.position(start).limit(buf.limit());
            inf.setInput(in);
            byte[] out = new byte[Math.max(1024, Math.min(MAX_INFLATED, (buf.limit() - start) * 4))];
            int n = 0;
            while (!inf.finished()) {
                if (n == out.length) {
                    if (out.length >= MAX_INFLATED) {
                        throw error(start, "deflated dataset inflates to more than " + MAX_INFLATED + " bytes");
                    }
                    int grown = (int) Math.min(MAX_INFLATED, out.length * 2L);
                    // NB: a deflate bomb (1032:1) reaches the cap only through memory the heap may not have
                    String why = HeapBudget.shortfall(grown, "the inflated dataset (more than " + n + " bytes)");
                    if (why != null) {
                        throw error(start, why);
                    }
                    try {
                        out = java.util.Arrays.copyOf(out, grown);
                    } catch (OutOfMemoryError e) {
                        // NB: one large array that the (fragmented) heap cannot place: nothing else was
                        // allocated, and the old buffer is dropped with this parser
                        throw error(start, "the inflated dataset (more than " + n + " bytes) does not fit into the Java "
                                + "heap (raise -Xmx, e.g. ORGAN3D_JAVA_OPTS=-Xmx16g)");
                    }
                }
                int got = inf.inflate(out, n, out.length - n);
                if (got == 0 && (inf.needsInput() || inf.needsDictionary())) {
                    if (!partial) {
                        throw error(buf.limit(), "deflated dataset is truncated (stream ends early)");
                    }
                    break;
                }
                n += got;
            }
            buf = ByteBuffer.wrap(out, 0, n).slice().order(ByteOrder.LITTLE_ENDIAN);
            pos = 0;
            inflated = true;
        } catch (DataFormatException e) {
            throw error(start, "corrupt deflated dataset: " + e.getMessage(), e);
        } finally {
            inf.end();
        }
    }

    /**
     * Reads elements into {@code into} until {@code end}, or until an item delimiter when
     * {@code untilDelimiter}, or (meta) until the group is no longer 0002.
     */
    private void readDataset(Attributes into, int end, int depth, boolean untilDelimiter, boolean metaOnly)
            throws DicomParseException {
        if (depth > MAX_DEPTH) {
            throw error(pos, "sequences nested deeper than " + MAX_DEPTH);
        }
        while (pos < end) {
            int start = pos;
            if (depth == 0 && !metaOnly && into.contains(Tag.PixelData) && allZero(start, end)) {
                // NB: some writers pad files with NUL bytes after the pixel data (sector alignment)
                pos = end;
                return;
            }
            need(start, 8, end, "an element header");
            int tag = readTag();
            if (metaOnly && Tag.group(tag) != 0x0002) {
                pos = start;
                return;
            }
            if (headerOnly && depth == 0 && isPixelTag(tag)) {
                stopAtPixels(into, tag, start, end);
                return;
            }
            if (tag == Tag.ItemDelimitationItem) {
                pos += 4;
                if (untilDelimiter) {
                    return;
                }
                throw error(start, "item delimiter outside an item");
            }
            if (tag == Tag.SequenceDelimitationItem && depth == 0) {
                pos += 4;
                continue;
            }
            if (Tag.group(tag) == 0xFFFE) {
                throw error(start, "unexpected " + Tag.toString(tag) + " outside a sequence");
            }
            VR vr;
            long len;
            if (explicit) {
                int code = ((buf.get(pos) & 0xFF) << 8) | (buf.get(pos + 1) & 0xFF);
                vr = VR.of(code);
                if (vr == null) {
                    throw error(start, String.format("bad VR bytes 0x%02X 0x%02X for %s", code >> 8, code & 0xFF,
                            Tag.toString(tag)));
                }
                pos += 2;
                if (vr.longLength()) {
                    need(start, 12, end, "the header of " + Tag.toString(tag));
                    pos += 2;
                    len = Integer.toUnsignedLong(buf.getInt(pos));
                    pos += 4;
                } else {
                    len = Short.toUnsignedInt(buf.getShort(pos));
                    pos += 2;
                }
            } else {
                vr = DataDictionary.vrOf(tag);
                len = Integer.toUnsignedLong(buf.getInt(pos));
                pos += 4;
            }
            into.put(readValue(tag, vr, len, start, end, depth, into));
        }
        if (untilDelimiter) {
            if (partial) {
                throw new PrefixTooShort();
            }
            throw error(pos, "item of undefined length has no item delimiter before the end of its sequence or file");
        }
    }

    /** Header-only: checks the pixel element's declared length against the file size, then stops. */
    private void stopAtPixels(Attributes into, int tag, int start, int end) throws DicomParseException {
        VR vr = DataDictionary.vrOf(tag);
        long len;
        int headerLen;
        if (explicit) {
            need(start, 12, end, "the header of " + Tag.toString(tag));
            VR v = VR.of(((buf.get(pos) & 0xFF) << 8) | (buf.get(pos + 1) & 0xFF));
            vr = v == null ? vr : v;
            if (vr.longLength()) {
                len = Integer.toUnsignedLong(buf.getInt(pos + 4));
                headerLen = 12;
            } else {
                len = Short.toUnsignedInt(buf.getShort(pos + 2));
                headerLen = 8;
            }
        } else {
            len = Integer.toUnsignedLong(buf.getInt(pos));
            headerLen = 8;
        }
        long remain = (inflated ? buf.limit() : fileLength) - start - headerLen;
        if (len != UNDEFINED && len > remain && !(inflated && partial)) {
            throw error(start, "length " + len + " of " + Tag.toString(tag) + " runs past the end of the file ("
                    + remain + " bytes remain)");
        }
        pixelLength = len == UNDEFINED ? -1 : len;
        pos = start;
        stoppedAtPixels = true;
        into.put(new Attributes.Element(tag, vr, ByteBuffer.allocate(0), null, len == UNDEFINED ? List.of() : null, start));
    }

    private boolean allZero(int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf.get(i) != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPixelTag(int tag) {
        return Integer.compareUnsigned(tag, Tag.FloatPixelData) >= 0;
    }

    private Attributes.Element readValue(int tag, VR vr, long len, int start, int end, int depth, Attributes parent)
            throws DicomParseException {
        if (len == UNDEFINED) {
            if (isPixelTag(tag) && depth == 0 && vr != VR.SQ) {
                return new Attributes.Element(tag, vr, ByteBuffer.allocate(0), null, readFragments(end), start);
            }
            if (vr == VR.SQ || vr == VR.UN || !explicit) {
                boolean wasExplicit = explicit;
                boolean wasBig = bigEndian;
                if (vr == VR.UN) {
                    // NB: PS3.5 6.2.2: a UN value of undefined length is an implicit VR LE sequence
                    explicit = false;
                    setOrder(false);
                }
                List<Attributes> items = readSequence(-1, end, depth, parent);
                explicit = wasExplicit;
                setOrder(wasBig);
                return new Attributes.Element(tag, VR.SQ, ByteBuffer.allocate(0), items, null, start);
            }
            throw error(start, "undefined length for " + Tag.toString(tag) + " with VR " + vr);
        }
        if (len > end - pos) {
            if (partial) {
                throw new PrefixTooShort();
            }
            throw error(start, "length " + len + " of " + Tag.toString(tag) + " runs past the end of the "
                    + (end == buf.limit() ? "file" : "enclosing item") + " (" + (end - pos) + " bytes remain)");
        }
        if ((len & 1) == 1 && oddLengths++ == 0) {
            firstOddLength = "length " + len + " of " + Tag.toString(tag) + " at byte " + start;
        }
        int n = (int) len;
        if (vr == VR.UN && explicit && DataDictionary.vrOf(tag) == VR.SQ) {
            // NB: a known sequence relabelled UN (e.g. by an anonymiser) is implicit VR LE inside (PS3.5 6.2.2)
            boolean wasBig = bigEndian;
            explicit = false;
            setOrder(false);
            int sqEnd = pos + n;
            List<Attributes> items = readSequence(sqEnd, sqEnd, depth, parent);
            explicit = true;
            setOrder(wasBig);
            pos = sqEnd;
            return new Attributes.Element(tag, VR.SQ, ByteBuffer.allocate(0), items, null, start);
        }
        if (vr == VR.SQ) {
            int sqEnd = pos + n;
            List<Attributes> items = readSequence(sqEnd, sqEnd, depth, parent);
            pos = sqEnd;
            return new Attributes.Element(tag, vr, ByteBuffer.allocate(0), items, null, start);
        }
        ByteBuffer value = buf.slice(pos, n).asReadOnlyBuffer();
        pos += n;
        return new Attributes.Element(tag, vr, value, null, null, start);
    }

    private void setOrder(boolean big) {
        bigEndian = big;
        buf.order(big ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    }

    /** Items of a sequence: of defined length ending at {@code definedEnd}, or (-1) up to a delimiter. */
    private List<Attributes> readSequence(int definedEnd, int end, int depth, Attributes parent)
            throws DicomParseException {
        List<Attributes> items = new ArrayList<>();
        boolean defined = definedEnd >= 0;
        int bound = defined ? definedEnd : end;
        while (true) {
            if (defined && pos >= definedEnd) {
                return items;
            }
            int start = pos;
            if (!defined && pos >= end) {
                if (partial) {
                    throw new PrefixTooShort();
                }
                throw error(pos, "sequence of undefined length has no sequence delimiter before the end");
            }
            need(start, 8, bound, "an item header");
            int tag = readTag();
            long len = Integer.toUnsignedLong(buf.getInt(pos));
            pos += 4;
            if (tag == Tag.SequenceDelimitationItem) {
                return items;
            }
            if (tag != Tag.Item) {
                throw error(start, "expected an item (FFFE,E000) in a sequence, found " + Tag.toString(tag));
            }
            Attributes item = new Attributes(bigEndian);
            item.charset(parent.charset());
            if (len == UNDEFINED) {
                readDataset(item, bound, depth + 1, true, false);
            } else {
                if (len > bound - pos) {
                    if (partial) {
                        throw new PrefixTooShort();
                    }
                    throw error(start, "item length " + len + " runs past the end of its sequence or file ("
                            + (bound - pos) + " bytes remain)");
                }
                int itemEnd = pos + (int) len;
                readDataset(item, itemEnd, depth + 1, false, false);
                pos = itemEnd;
            }
            items.add(item);
        }
    }

    private List<Attributes.Fragment> readFragments(int end) throws DicomParseException {
        List<Attributes.Fragment> frags = new ArrayList<>();
        while (true) {
            int start = pos;
            need(start, 8, end, "a pixel data item header");
            int tag = readTag();
            long len = Integer.toUnsignedLong(buf.getInt(pos));
            pos += 4;
            if (tag == Tag.SequenceDelimitationItem) {
                return frags;
            }
            if (tag != Tag.Item) {
                throw error(start, "expected a pixel data item (FFFE,E000), found " + Tag.toString(tag));
            }
            if (len == UNDEFINED || len > end - pos) {
                if (partial) {
                    throw new PrefixTooShort();
                }
                throw error(start, "pixel data fragment length " + (len == UNDEFINED ? "undefined" : len)
                        + " runs past the end of the file (" + (end - pos) + " bytes remain)");
            }
            frags.add(new Attributes.Fragment(pos, buf.slice(pos, (int) len).asReadOnlyBuffer()));
            pos += (int) len;
        }
    }

    private int readTag() {
        int g = Short.toUnsignedInt(buf.getShort(pos));
        int e = Short.toUnsignedInt(buf.getShort(pos + 2));
        pos += 4;
        return (g << 16) | e;
    }

    private void need(int start, int n, int end, String what) throws DicomParseException {
        if (end - start < n) {
            if (partial) {
                throw new PrefixTooShort();
            }
            throw error(start, "truncated: " + (end - start) + " bytes left where " + what + " needs " + n);
        }
    }

    private DicomParseException error(long offset, String cause) {
        return new DicomParseException(file, offset, inflated ? cause + " (offset in the inflated dataset)" : cause);
    }

    private DicomParseException error(long offset, String cause, Throwable t) {
        return new DicomParseException(file, offset, inflated ? cause + " (offset in the inflated dataset)" : cause, t);
    }

    /** True if the first bytes look like DICOM: {@code DICM} at 128, or a plausible bare dataset. */
    public static boolean looksLikeDicom(byte[] head, int n) {
        if (n >= 132 && head[128] == 'D' && head[129] == 'I' && head[130] == 'C' && head[131] == 'M') {
            return true;
        }
        if (n < 8) {
            return false;
        }
        int gLe = (head[0] & 0xFF) | (head[1] & 0xFF) << 8;
        int eLe = (head[2] & 0xFF) | (head[3] & 0xFF) << 8;
        int gBe = (head[0] & 0xFF) << 8 | (head[1] & 0xFF);
        boolean vr = VR.of((head[4] & 0xFF) << 8 | (head[5] & 0xFF)) != null;
        if ((gLe == 0x0002 || gLe == 0x0008) && (vr || eLe < 0x0100)) {
            return true;
        }
        return gBe == 0x0008 && vr;
    }
}
