package org.organ3d.io.dicom;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.joml.Vector3d;
import org.organ3d.io.ImageFormatException;
import org.organ3d.mesh.Mesh;
import org.organ3d.mesh.io.MeshFormat;
import org.organ3d.mesh.io.MeshFormatException;
import org.organ3d.mesh.io.MeshReaders;

/**
 * Writes an STL file as a DICOM Encapsulated STL instance (PS3.3 A.85.1, SOP Class
 * {@value #ENCAPSULATED_STL_STORAGE}, Supplement 205), so that a surface organ3d made from a
 * series travels with that series to a PACS ({@code organ3d push}).
 *
 * <p><b>The bytes.</b> The STL file is encapsulated as it is, byte for byte (Encapsulated Document,
 * OB, streamed from the file; a zero byte pads an odd-length ASCII STL, and Encapsulated Document
 * Length gives the file's exact length), MIME type {@code model/stl}.
 *
 * <p><b>The frame.</b> The instance belongs to the series' Frame of Reference (the Frame of
 * Reference module carries the series' UID) and its STL coordinates are the patient coordinates of
 * that frame (DICOM's LPS), in millimetres (Measurement Units Code Sequence (mm, UCUM, "mm"), CID
 * 7063). So
 * an STL that states RAS in its header (organ3d's {@code SPACE=RAS}) is refused, and so is one whose
 * bounding box does not meet the series' volume (a surface of another patient, frame or convention
 * would lie elsewhere); {@link #statedFrame} tells a caller whether the file states its frame at all.
 *
 * <p><b>The rest.</b> Patient and Study copied from the series (the model joins the study), a new
 * series of modality M3D, Enhanced General Equipment (organ3d; the device serial number is organ3d's
 * implementation class UID), Manufacturing 3D Model (units; no mirroring, no modification of the
 * observed anatomy), document title, concept name (85040-4 / 85041-2, LN, "CT / MR 3D CAM model")
 * for CT and MR series, and the Source Instance Sequence citing every image of the series with the
 * purpose (121324, DCM, "Source image"), and the Common Instance Reference module citing the series.
 * Burned In Annotation NO (organ3d's STL header holds the
 * frame, label and name, no patient data). Explicit VR little endian, atomic. Thread-safe.
 */
public final class EncapsulatedStlWriter {

    /** Encapsulated STL Storage. */
    public static final String ENCAPSULATED_STL_STORAGE = "1.2.840.10008.5.1.4.1.1.104.3";

    private static final int ENCAPSULATED_DOCUMENT = 0x00420011;
    private static final int DOCUMENT_TITLE = 0x00420010;
    private static final int MIME_TYPE = 0x00420012;
    private static final int SOURCE_INSTANCE_SEQUENCE = 0x00420013;
    private static final int ENCAPSULATED_DOCUMENT_LENGTH = 0x00420015;
    private static final int ACQUISITION_DATE_TIME = 0x0008002A;
    private static final int BURNED_IN_ANNOTATION = 0x00280301;
    private static final int MODEL_MODIFICATION = 0x00687001;
    private static final int MODEL_MIRRORING = 0x00687002;
    /** The largest STL an OB value holds (even length below 2^32 − 1). */
    static final long MAX_BYTES = 0xFFFFFFFEL - 1;

    /**
     * Series and title.
     *
     * @param seriesDescription Series Description
     * @param seriesNumber      Series Number
     * @param documentTitle     Document Title, or null for "organ3d surface model (FILE)"
     */
    public record Options(String seriesDescription, int seriesNumber, String documentTitle) {
        public Options {
            seriesDescription = seriesDescription == null ? "organ3d surface model" : seriesDescription;
            if (seriesNumber < 0) {
                throw new IllegalArgumentException("series number must not be negative: " + seriesNumber);
            }
        }

        /** Series 904 "organ3d surface model". */
        public static Options defaults() {
            return new Options(null, 904, null);
        }
    }

    private EncapsulatedStlWriter() {
    }

    /**
     * The frame an STL's header states ({@code SPACE=LPS} or {@code SPACE=RAS} in the 80-byte binary
     * header or on the ASCII {@code solid} line, as organ3d writes it), or empty when it states none.
     */
    public static Optional<String> statedFrame(Path stl) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(stl)) {
            head = in.readNBytes(256);
        }
        String text = new String(head, 0, Math.min(head.length, head.length >= 84 && isBinary(stl, head) ? 80 : 256),
                StandardCharsets.US_ASCII);
        int eol = text.indexOf('\n');
        String first = eol >= 0 ? text.substring(0, eol) : text;
        for (String f : new String[] {"LPS", "RAS"}) {
            if (first.contains("SPACE=" + f)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /**
     * Encapsulates {@code stl}, a surface in the patient coordinates (LPS mm) of {@code series}, into
     * {@code file}.
     *
     * @return the written instance (one item; its triangles in {@code frames})
     * @throws MeshFormatException  if the file is not named .stl or is not a valid STL
     * @throws ImageFormatException if the STL states RAS, holds no triangle, is too
     *                              large for one DICOM value, or lies outside the series' volume
     */
    public static WrittenInstance write(Path stl, ReferencedSeries series, Options options, Path file) throws IOException {
        if (MeshFormat.of(stl) != MeshFormat.STL) {
            throw new MeshFormatException(stl, -1, "an Encapsulated STL holds an STL file (.stl), not a "
                    + MeshFormat.of(stl) + " file: write the surface as STL first (organ3d mesh ... -o FILE.stl)");
        }
        long size = Files.size(stl);
        if (size > MAX_BYTES) {
            throw new ImageFormatException(stl, -1, "an STL of " + size + " bytes does not fit one DICOM value (4 GiB)");
        }
        if (statedFrame(stl).filter("RAS"::equals).isPresent()) {
            throw new ImageFormatException(stl, -1, "the STL states SPACE=RAS, but a DICOM model lies in the patient "
                    + "coordinates (LPS) of the series' frame of reference: write it in LPS (organ3d mesh --coords LPS)");
        }
        Mesh mesh = MeshReaders.read(stl, 0, 0xffffffff).mesh();
        checkInside(stl, mesh.positionsCopy(), series);
        Attributes ds = header(stl, series, options, size);
        long padded = size + (size & 1);
        DicomWriter.write(file, ds, new DicomWriter.BulkValue(ENCAPSULATED_DOCUMENT, VR.OB, padded, out -> {
            long copied = Files.copy(stl, out);
            if (copied != size) {
                throw new IOException(stl + " changed while it was encapsulated (" + copied + " bytes, " + size
                        + " expected)");
            }
            if (padded != size) {
                out.write(0);
            }
        }));
        return new WrittenInstance(file, ENCAPSULATED_STL_STORAGE, ds.getString(Tag.SOPInstanceUID),
                ds.getString(Tag.SeriesInstanceUID), series.studyInstanceUID(), 1, mesh.triangleCount(), Map.of());
    }

    private static boolean isBinary(Path stl, byte[] head) throws IOException {
        long count = Integer.toUnsignedLong(ByteBuffer.wrap(head, 80, 4).order(ByteOrder.LITTLE_ENDIAN).getInt());
        return 84 + 50 * count == Files.size(stl);
    }

    /** Refuses a surface whose bounding box does not meet the series' volume, widened by its largest spacing. */
    private static void checkInside(Path stl, float[] p, ReferencedSeries series) throws ImageFormatException {
        double[] lo = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        double[] hi = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (int i = 0; i < p.length; i++) {
            lo[i % 3] = Math.min(lo[i % 3], p[i]);
            hi[i % 3] = Math.max(hi[i % 3], p[i]);
        }
        double[] vlo = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        double[] vhi = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        var d = series.dimensions();
        Vector3d c = new Vector3d();
        for (int n = 0; n < 8; n++) {
            series.geometry().indexToPatient((n & 1) == 0 ? -0.5 : d.nx() - 0.5, (n & 2) == 0 ? -0.5 : d.ny() - 0.5,
                    (n & 4) == 0 ? -0.5 : d.nz() - 0.5, c);
            double[] v = {c.x, c.y, c.z};
            for (int a = 0; a < 3; a++) {
                vlo[a] = Math.min(vlo[a], v[a]);
                vhi[a] = Math.max(vhi[a], v[a]);
            }
        }
        double margin = series.geometry().spacing().maxComponent();
        for (int a = 0; a < 3; a++) {
            if (hi[a] < vlo[a] - margin || lo[a] > vhi[a] + margin) {
                throw new ImageFormatException(stl, -1, "the surface (LPS box " + box(lo, hi) + " mm) lies outside the "
                        + "volume of series " + series.seriesInstanceUID() + " (" + box(vlo, vhi) + " mm): it is not in "
                        + "that series' patient coordinates (another series, or RAS?)");
            }
        }
    }

    private static String box(double[] lo, double[] hi) {
        return String.format(Locale.ROOT, "%.1f..%.1f, %.1f..%.1f, %.1f..%.1f", lo[0], hi[0], lo[1], hi[1], lo[2], hi[2]);
    }

    private static Attributes header(Path stl, ReferencedSeries series, Options o, long size) {
        Attributes ds = series.derivedInstanceHeader(ENCAPSULATED_STL_STORAGE, "M3D", o.seriesDescription(), o.seriesNumber(),
                true);
        ds.setString(ACQUISITION_DATE_TIME, VR.DT, "");
        ds.setString(Tag.DeviceSerialNumber, VR.LO, DicomWriter.IMPLEMENTATION_CLASS_UID);
        ds.setString(Tag.PositionReferenceIndicator, VR.LO, "");
        ds.setString(BURNED_IN_ANNOTATION, VR.CS, "NO");
        Attributes mm = Attributes.utf8();
        mm.setString(Tag.CodeValue, VR.SH, "mm");
        mm.setString(Tag.CodingSchemeDesignator, VR.SH, "UCUM");
        mm.setString(Tag.CodeMeaning, VR.LO, "mm");
        ds.setSequence(Tag.MeasurementUnitsCodeSequence, List.of(mm));
        ds.setSequence(Tag.ConceptNameCodeSequence, title(series.modality()));
        ds.setString(DOCUMENT_TITLE, VR.ST, o.documentTitle() != null ? o.documentTitle()
                : "organ3d surface model (" + stl.getFileName() + ")");
        ds.setString(MIME_TYPE, VR.LO, "model/stl");
        ds.setSequence(SOURCE_INSTANCE_SEQUENCE, sources(series));
        // NB: the Common Instance Reference module is required of an instance that cites others (the sources)
        ds.setSequence(Tag.ReferencedSeriesSequence, List.of(series.referencedSeriesItem()));
        ds.setInt(ENCAPSULATED_DOCUMENT_LENGTH, VR.UL, (int) size);
        ds.setString(MODEL_MODIFICATION, VR.CS, "NO");
        ds.setString(MODEL_MIRRORING, VR.CS, "NO");
        return ds;
    }

    /** CID 7061 "Model Document Title" for the series' modality, else none (Type 2: empty). */
    private static List<Attributes> title(String modality) {
        String[] code = switch (modality) {
            case "CT" -> new String[] {"85040-4", "CT 3D CAM model"};
            case "MR" -> new String[] {"85041-2", "MR 3D CAM model"};
            default -> null;
        };
        if (code == null) {
            return List.of();
        }
        Attributes a = Attributes.utf8();
        a.setString(Tag.CodeValue, VR.SH, code[0]);
        a.setString(Tag.CodingSchemeDesignator, VR.SH, "LN");
        a.setString(Tag.CodeMeaning, VR.LO, code[1]);
        return List.of(a);
    }

    /** Every image of the series, each once, as a source image (CID 7060). */
    private static List<Attributes> sources(ReferencedSeries series) {
        List<Attributes> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ReferencedSeries.Instance in : series.slices()) {
            if (!seen.add(in.sopInstanceUID())) {
                continue;
            }
            Attributes purpose = Attributes.utf8();
            purpose.setString(Tag.CodeValue, VR.SH, "121324");
            purpose.setString(Tag.CodingSchemeDesignator, VR.SH, "DCM");
            purpose.setString(Tag.CodeMeaning, VR.LO, "Source image");
            Attributes r = Attributes.utf8();
            r.setString(Tag.ReferencedSOPClassUID, VR.UI, in.sopClassUID());
            r.setString(Tag.ReferencedSOPInstanceUID, VR.UI, in.sopInstanceUID());
            r.setSequence(Tag.PurposeOfReferenceCodeSequence, List.of(purpose));
            out.add(r);
        }
        return out;
    }
}
