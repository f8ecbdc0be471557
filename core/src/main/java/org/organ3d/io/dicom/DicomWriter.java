package org.organ3d.io.dicom;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import org.organ3d.io.AtomicFiles;

/**
 * Writes DICOM Part 10 files in explicit VR little endian: 128-byte zero preamble, {@code DICM}, the
 * file meta group (made from the dataset's SOP Class/Instance UIDs) and the dataset. Sequences and
 * items are written with undefined lengths and delimiters. Files are written atomically.
 *
 * <p>The dataset must be little endian (built with {@link Attributes#Attributes()}) and contain SOP
 * Class UID and SOP Instance UID. One large value (the frames of a segmentation, an encapsulated
 * document) can be streamed
 * from a callback as a {@link BulkValue} instead of being held in the dataset. {@link #writeDataset}
 * writes bare datasets (DIMSE command sets and datasets on the network, implicit or explicit VR little
 * endian) and {@link #writeFileHeader} the start of a Part 10 file for a dataset that is already
 * encoded. Thread-safe (stateless).
 */
public final class DicomWriter {

    /** organ3d's implementation class UID (a 2.25 UUID-derived root). */
    public static final String IMPLEMENTATION_CLASS_UID = "2.25.190361781389204523715374924616917930633";
    /** organ3d's implementation version name. */
    public static final String IMPLEMENTATION_VERSION = "ORGAN3D_01";

    private DicomWriter() {
    }

    /**
     * A value streamed by a callback at its place among the dataset's elements (by tag), for bulk
     * data that should not be held in memory as one array: the pixel data of thousands of frames, an
     * encapsulated document.
     *
     * @param tag    the element's tag; the dataset must not hold it
     * @param vr     its VR (a long-length VR such as OB or OW)
     * @param length the exact number of bytes {@code body} writes: even, below 2^32 − 1
     * @param body   writes the value (called once, on the calling thread)
     */
    public record BulkValue(int tag, VR vr, long length, AtomicFiles.Body body) {
        public BulkValue {
            if (!vr.longLength() || vr == VR.SQ) {
                throw new IllegalArgumentException("bulk values need a long-length binary VR, not " + vr);
            }
            if (length < 0 || (length & 1) == 1 || length >= 0xFFFFFFFFL) {
                throw new IllegalArgumentException("bulk value length must be even and below 4 GiB: " + length);
            }
        }
    }

    /** Writes {@code dataset} to {@code file} atomically (temporary file in the same folder, then rename). */
    public static void write(Path file, Attributes dataset) throws IOException {
        check(dataset);
        AtomicFiles.write(file, out -> writeTo(out, dataset, false));
    }

    /**
     * Writes {@code dataset} in implicit VR little endian (the DICOM default transfer syntax), whose
     * 4-byte lengths hold values of 64 KiB and more in any VR (e.g. the Contour Data of a long
     * contour, a DS value that explicit VR limits to 65534 bytes). Atomic as {@link #write(Path, Attributes)}.
     */
    public static void writeImplicit(Path file, Attributes dataset) throws IOException {
        check(dataset);
        AtomicFiles.write(file, out -> writeTo(out, dataset, true));
    }

    /**
     * Writes {@code dataset} with {@code bulk} (streamed from its callback) in its place by tag to
     * {@code file} atomically. Fails, leaving no file, when the callback writes a different number of
     * bytes than declared.
     *
     * @throws IllegalArgumentException if the dataset already holds the bulk value's tag
     */
    public static void write(Path file, Attributes dataset, BulkValue bulk) throws IOException {
        check(dataset);
        if (dataset.contains(bulk.tag())) {
            throw new IllegalArgumentException("the dataset holds " + Tag.toString(bulk.tag()) + ", which the bulk value writes");
        }
        Attributes before = new Attributes();
        Attributes after = new Attributes();
        for (Attributes.Element e : dataset.elements()) {
            (Integer.compareUnsigned(e.tag(), bulk.tag()) < 0 ? before : after).put(e);
        }
        AtomicFiles.write(file, out -> {
            writeFileHeader(out, dataset.getString(Tag.SOPClassUID), dataset.getString(Tag.SOPInstanceUID),
                    TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid());
            writeDataset(out, before, false, false);
            writeShort(out, Tag.group(bulk.tag()));
            writeShort(out, Tag.element(bulk.tag()));
            out.write(bulk.vr().name().charAt(0));
            out.write(bulk.vr().name().charAt(1));
            writeShort(out, 0);
            writeInt(out, (int) bulk.length());
            long[] count = new long[1];
            OutputStream counting = new java.io.FilterOutputStream(out) {
                @Override
                public void write(int b) throws IOException {
                    out.write(b);
                    count[0]++;
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                    count[0] += len;
                }
            };
            bulk.body().write(counting);
            if (count[0] != bulk.length()) {
                throw new IOException(Tag.toString(bulk.tag()) + ": " + count[0] + " bytes written where "
                        + bulk.length() + " were declared");
            }
            writeDataset(out, after, false, false);
        });
    }

    /** The complete Part 10 file as bytes. */
    public static byte[] encode(Attributes dataset) throws IOException {
        check(dataset);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        writeTo(b, dataset, false);
        return b.toByteArray();
    }

    private static void check(Attributes ds) {
        if (ds.bigEndian()) {
            throw new IllegalArgumentException("DicomWriter writes little endian datasets only");
        }
        if (ds.getString(Tag.SOPClassUID) == null || ds.getString(Tag.SOPInstanceUID) == null) {
            throw new IllegalArgumentException("dataset needs SOP Class UID and SOP Instance UID");
        }
    }

    private static void writeTo(OutputStream out, Attributes ds, boolean implicit) throws IOException {
        writeFileHeader(out, ds.getString(Tag.SOPClassUID), ds.getString(Tag.SOPInstanceUID),
                (implicit ? TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN : TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN).uid());
        writeDataset(out, ds, false, implicit);
    }

    /**
     * Writes the start of a Part 10 file: 128-byte zero preamble, {@code DICM} and the file meta
     * group (explicit VR little endian, as PS3.10 requires) naming the SOP class and instance and
     * the transfer syntax of the dataset that the caller writes next. For datasets that arrive
     * already encoded (e.g. from the network) and are copied behind this header unchanged.
     */
    public static void writeFileHeader(OutputStream out, String sopClassUID, String sopInstanceUID,
            String transferSyntaxUID) throws IOException {
        Objects.requireNonNull(sopClassUID, "SOP Class UID");
        Objects.requireNonNull(sopInstanceUID, "SOP Instance UID");
        Objects.requireNonNull(transferSyntaxUID, "Transfer Syntax UID");
        out.write(new byte[128]);
        out.write("DICM".getBytes(StandardCharsets.US_ASCII));
        Attributes meta = new Attributes();
        meta.setBytes(Tag.FileMetaInformationVersion, VR.OB, new byte[] {0, 1});
        meta.setString(Tag.MediaStorageSOPClassUID, VR.UI, sopClassUID);
        meta.setString(Tag.MediaStorageSOPInstanceUID, VR.UI, sopInstanceUID);
        meta.setString(Tag.TransferSyntaxUID, VR.UI, transferSyntaxUID);
        meta.setString(Tag.ImplementationClassUID, VR.UI, IMPLEMENTATION_CLASS_UID);
        meta.setString(Tag.ImplementationVersionName, VR.SH, IMPLEMENTATION_VERSION);
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        writeDataset(m, meta, true, false);
        Attributes groupLength = new Attributes();
        groupLength.setInt(Tag.FileMetaInformationGroupLength, VR.UL, m.size());
        writeDataset(out, groupLength, true, false);
        m.writeTo(out);
    }

    /**
     * Writes {@code ds} as a bare dataset (no preamble, no meta group; group 0002 elements are
     * skipped) in explicit or implicit VR little endian: the encoding of DIMSE command sets
     * (always implicit VR LE, PS3.7 §6.3.1) and of datasets sent on a presentation context.
     * Sequences and items get undefined lengths with delimiters in both syntaxes.
     *
     * @throws IllegalArgumentException for any other transfer syntax, or a big-endian dataset
     * @throws IOException if a value is too long for its explicit VR length field, or pixel data is
     *                     encapsulated
     */
    public static void writeDataset(OutputStream out, Attributes ds, TransferSyntax syntax) throws IOException {
        if (ds.bigEndian()) {
            throw new IllegalArgumentException("DicomWriter writes little endian datasets only");
        }
        if (syntax.bigEndian() || syntax.deflated() || syntax.encapsulated()) {
            throw new IllegalArgumentException("bare datasets are written in implicit or explicit VR little endian, not "
                    + syntax.name());
        }
        writeDataset(out, ds, false, !syntax.explicitVR());
    }

    /** {@link #writeDataset(OutputStream, Attributes, TransferSyntax)} into a new byte array. */
    public static byte[] encodeDataset(Attributes ds, TransferSyntax syntax) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        writeDataset(b, ds, syntax);
        return b.toByteArray();
    }

    /** Writes the elements of {@code ds}; group 0002 only when {@code meta} (the meta group is made here). */
    private static void writeDataset(OutputStream out, Attributes ds, boolean meta, boolean implicit) throws IOException {
        for (Attributes.Element e : ds.elements()) {
            if (!meta && Tag.group(e.tag()) == 0x0002) {
                continue;
            }
            writeElement(out, e, implicit);
        }
    }

    private static void writeElement(OutputStream out, Attributes.Element e, boolean implicit) throws IOException {
        if (e.isEncapsulated()) {
            throw new IOException("writing encapsulated pixel data is not supported");
        }
        VR vr = e.vr();
        writeShort(out, Tag.group(e.tag()));
        writeShort(out, Tag.element(e.tag()));
        if (!implicit) {
            out.write(vr.name().charAt(0));
            out.write(vr.name().charAt(1));
        }
        if (vr == VR.SQ) {
            if (!implicit) {
                writeShort(out, 0);
            }
            writeInt(out, -1);
            for (Attributes item : e.items()) {
                writeShort(out, 0xFFFE);
                writeShort(out, 0xE000);
                writeInt(out, -1);
                writeDataset(out, item, false, implicit);
                writeShort(out, 0xFFFE);
                writeShort(out, 0xE00D);
                writeInt(out, 0);
            }
            writeShort(out, 0xFFFE);
            writeShort(out, 0xE0DD);
            writeInt(out, 0);
            return;
        }
        int len = e.length();
        if (implicit) {
            writeInt(out, len);
        } else if (vr.longLength()) {
            writeShort(out, 0);
            writeInt(out, len);
        } else {
            if (len > 0xFFFF) {
                throw new IOException(Tag.toString(e.tag()) + " value of " + len + " bytes is too long for VR " + vr);
            }
            writeShort(out, len);
        }
        ByteBuffer v = e.value().duplicate();
        if (v.hasArray()) {
            out.write(v.array(), v.arrayOffset() + v.position(), v.remaining());
        } else {
            byte[] tmp = new byte[v.remaining()];
            v.get(tmp);
            out.write(tmp);
        }
    }

    private static void writeShort(OutputStream out, int v) throws IOException {
        out.write(v & 0xFF);
        out.write((v >> 8) & 0xFF);
    }

    private static void writeInt(OutputStream out, int v) throws IOException {
        writeShort(out, v & 0xFFFF);
        writeShort(out, (v >>> 16) & 0xFFFF);
    }
}
