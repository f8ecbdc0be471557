package org.organ3d.io.dicom;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.joml.Matrix4d;
import org.joml.Vector3d;
import org.organ3d.io.ImageFormatException;
import org.organ3d.io.ReadOptions;
import org.organ3d.io.ReadWarning;
import org.organ3d.io.StrictReadException;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Volume;

/**
 * The image series that a segmentation, structure set or report is drawn on, read from the file
 * headers alone (no voxels): its grid (the same {@link Dimensions} and index→LPS {@link Geometry}
 * that {@link DicomSeriesReader} gives its volume), the instance behind every slice, and the
 * Patient, Study and Frame of Reference that derived objects copy (DESIGN.md: "clinical objects
 * reference their source").
 *
 * <p>Slice k of the grid is frame {@link #slice(int)}: a single-frame instance (frame number 0) or
 * frame n (1-based) of a multi-frame instance; {@link #slicePosition(int)} is its Image Position
 * (Patient) as read, which may differ from the affine's by the non-uniform spacing reported in
 * {@link #warnings()}.
 *
 * <p>Immutable and thread-safe.
 */
public final class ReferencedSeries {

    /**
     * One referenced image (frame).
     *
     * @param sopClassUID    SOP Class UID of the instance
     * @param sopInstanceUID SOP Instance UID of the instance
     * @param frameNumber    1-based frame of a multi-frame instance, 0 for a single-frame instance
     */
    public record Instance(String sopClassUID, String sopInstanceUID, int frameNumber) {
        public Instance {
            Objects.requireNonNull(sopClassUID);
            Objects.requireNonNull(sopInstanceUID);
        }
    }

    /** Text attributes of the Patient and General Study modules copied into derived objects, with their VRs. */
    private static final int[][] IDENTITY = {
        {Tag.PatientName, 'P' << 8 | 'N'}, {Tag.PatientID, 'L' << 8 | 'O'}, {0x00100021, 'L' << 8 | 'O'},
        {Tag.PatientBirthDate, 'D' << 8 | 'A'}, {Tag.PatientSex, 'C' << 8 | 'S'},
        {Tag.StudyInstanceUID, 'U' << 8 | 'I'}, {Tag.StudyDate, 'D' << 8 | 'A'}, {Tag.StudyTime, 'T' << 8 | 'M'},
        {Tag.ReferringPhysicianName, 'P' << 8 | 'N'}, {Tag.StudyID, 'S' << 8 | 'H'},
        {Tag.AccessionNumber, 'S' << 8 | 'H'}, {Tag.StudyDescription, 'L' << 8 | 'O'},
    };

    private final Path source;
    private final String seriesInstanceUID;
    private final String frameOfReferenceUID;
    private final String modality;
    private final Dimensions dimensions;
    private final Geometry geometry;
    private final List<Instance> slices;
    private final List<double[]> positions;
    private final Attributes identity;
    private final List<ReadWarning> warnings;

    private ReferencedSeries(Path source, SeriesGeometry.Stack stack, Attributes first, List<ReadWarning> warnings)
            throws ImageFormatException {
        this.source = source;
        List<FrameHeader> frames = stack.frames();
        FrameHeader f0 = frames.get(0);
        this.seriesInstanceUID = f0.seriesUID();
        String forUid = first.getString(Tag.FrameOfReferenceUID);
        if (forUid == null || !Uids.isValid(forUid)) {
            throw new ImageFormatException(f0.file(), -1, "the referenced series has no valid Frame of Reference UID "
                    + "(0020,0052), which segmentations and structure sets must cite");
        }
        if (f0.sopInstanceUID().isEmpty() || f0.seriesUID().isEmpty()) {
            throw new ImageFormatException(f0.file(), -1, "the referenced series lacks SOP Instance or Series Instance UIDs");
        }
        this.frameOfReferenceUID = forUid;
        this.modality = f0.modality() == null ? "OT" : f0.modality();
        this.dimensions = new Dimensions(f0.pixels().columns(), f0.pixels().rows(), frames.size());
        this.geometry = stack.geometry();
        List<Instance> refs = new ArrayList<>(frames.size());
        List<double[]> pos = new ArrayList<>(frames.size());
        for (FrameHeader f : frames) {
            refs.add(new Instance(f.sopClassUID(), f.sopInstanceUID(), f.pixels().frames() > 1 ? f.frame() + 1 : 0));
            Vector3d p = geometry.indexToPatient(0, 0, pos.size());
            pos.add(f.position() == null ? new double[] {p.x, p.y, p.z} : f.position().clone());
        }
        this.slices = List.copyOf(refs);
        this.positions = List.copyOf(pos);
        Attributes id = new Attributes();
        id.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
        for (int[] t : IDENTITY) {
            String v = first.getText(t[0]);
            id.setString(t[0], VR.of(t[1]), v == null ? "" : v);
        }
        if (first.getString(Tag.StudyInstanceUID) == null) {
            throw new ImageFormatException(f0.file(), -1, "the referenced series has no Study Instance UID");
        }
        this.identity = id;
        this.warnings = List.copyOf(warnings);
    }

    /**
     * Reads the headers of a DICOM series: a folder (its largest stack, as {@link DicomSeriesReader}
     * would read it) or one file (multi-frame or single slice).
     *
     * @throws ImageFormatException if there is no readable image series there, no such series, or
     *                              it lacks the UIDs a reference needs
     */
    public static ReferencedSeries read(Path path) throws IOException {
        return read(path, ReadOptions.defaults());
    }

    /**
     * As {@link #read(Path)}, series {@code seriesUID} (its largest stack) instead of the largest.
     *
     * @throws ImageFormatException if there is no such series there
     */
    public static ReferencedSeries read(Path path, String seriesUID) throws IOException {
        return read(path, seriesUID == null ? ReadOptions.defaults() : ReadOptions.builder().seriesUid(seriesUID).build());
    }

    /**
     * As {@link #read(Path, String)}, the series and strictness from {@code options} (a strict read
     * refuses a series with gaps or uneven spacing, which a derived object would inherit).
     *
     * @throws StrictReadException if {@code options} refuses an irregularity of the series
     */
    public static ReferencedSeries read(Path path, ReadOptions options) throws IOException {
        List<ReadWarning> warnings = new ArrayList<>();
        SeriesGeometry.Stack stack = DicomSeriesReader.readStack(path, options, warnings);
        DicomFile first = DicomParser.readHeader(stack.frames().get(0).file());
        return new ReferencedSeries(path, stack, first.dataset(), warnings);
    }

    /**
     * Looks for series {@code seriesUID} in {@code folder} (recursively, as {@link #read}): the
     * series a SEG or RTSTRUCT cites, stored beside it. Empty when the folder holds no such series.
     */
    public static Optional<ReferencedSeries> find(Path folder, String seriesUID) throws IOException {
        if (seriesUID == null || folder == null || !Files.isDirectory(folder)) {
            return Optional.empty();
        }
        try {
            return Optional.of(read(folder, seriesUID));
        } catch (ImageFormatException e) {
            return Optional.empty();
        }
    }

    /** The folder or file read. */
    public Path source() {
        return source;
    }

    public String seriesInstanceUID() {
        return seriesInstanceUID;
    }

    public String studyInstanceUID() {
        return identity.getString(Tag.StudyInstanceUID);
    }

    public String frameOfReferenceUID() {
        return frameOfReferenceUID;
    }

    /** Modality of the series ("OT" when absent). */
    public String modality() {
        return modality;
    }

    /** Grid size: columns, rows, slices. */
    public Dimensions dimensions() {
        return dimensions;
    }

    /** Index→LPS geometry of the grid, as {@link DicomSeriesReader} builds it. */
    public Geometry geometry() {
        return geometry;
    }

    /** The instance (frame) of slice k. */
    public Instance slice(int k) {
        return slices.get(k);
    }

    /** The instances of all slices, in slice order (unmodifiable). */
    public List<Instance> slices() {
        return slices;
    }

    /** Image Position (Patient) of slice k as read, LPS mm (a copy). */
    public double[] slicePosition(int k) {
        return positions.get(k).clone();
    }

    /** What reading the series warned about (non-uniform spacing, skipped files ...). */
    public List<ReadWarning> warnings() {
        return warnings;
    }

    /** Text value of a copied Patient/Study attribute (e.g. {@link Tag#PatientName}), or null. */
    public String identity(int tag) {
        return identity.getText(tag);
    }

    /**
     * Writes the Patient and General Study attributes of the series into {@code dest} (which must
     * already declare Specific Character Set ISO_IR 192, as organ3d's writers do) and the Frame of
     * Reference UID.
     */
    public void copyIdentityTo(Attributes dest) {
        for (Attributes.Element e : identity.elements()) {
            if (e.tag() != Tag.SpecificCharacterSet) {
                dest.put(e);
            }
        }
        dest.setString(Tag.FrameOfReferenceUID, VR.UI, frameOfReferenceUID);
    }

    /**
     * The header every object organ3d derives from this series starts with: UTF-8, a new instance
     * (number 1) of {@code sopClassUID} in a new series of this series' patient, study and frame of
     * reference ({@link #copyIdentityTo}), created now: instance, series and — with
     * {@code contentDateTime} (SEG, SR, Encapsulated STL; the RT Structure Set IOD has none) — content
     * date and time, {@code modality}, description and number, organ3d as manufacturer, model and
     * software version. Each writer adds its own modules.
     */
    public Attributes derivedInstanceHeader(String sopClassUID, String modality, String seriesDescription, int seriesNumber,
            boolean contentDateTime) {
        LocalDateTime now = LocalDateTime.now();
        String date = now.format(DateTimeFormatter.BASIC_ISO_DATE);
        String time = now.format(DateTimeFormatter.ofPattern("HHmmss.SSS"));
        Attributes ds = new Attributes();
        ds.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
        ds.setString(Tag.InstanceCreationDate, VR.DA, date);
        ds.setString(Tag.InstanceCreationTime, VR.TM, time);
        ds.setString(Tag.SOPClassUID, VR.UI, sopClassUID);
        ds.setString(Tag.SOPInstanceUID, VR.UI, Uids.random());
        ds.setString(Tag.SeriesDate, VR.DA, date);
        ds.setString(Tag.SeriesTime, VR.TM, time);
        if (contentDateTime) {
            ds.setString(Tag.ContentDate, VR.DA, date);
            ds.setString(Tag.ContentTime, VR.TM, time);
        }
        ds.setString(Tag.Modality, VR.CS, modality);
        ds.setString(Tag.Manufacturer, VR.LO, "organ3d");
        ds.setString(Tag.SeriesDescription, VR.LO, seriesDescription);
        ds.setString(Tag.ManufacturerModelName, VR.LO, "organ3d");
        copyIdentityTo(ds);
        ds.setString(Tag.SoftwareVersions, VR.LO, DicomWriter.IMPLEMENTATION_VERSION);
        ds.setString(Tag.SeriesInstanceUID, VR.UI, Uids.random());
        ds.setIntString(Tag.SeriesNumber, seriesNumber);
        ds.setIntString(Tag.InstanceNumber, 1);
        return ds;
    }

    /**
     * The Referenced Series Sequence item of the Common Instance Reference module (PS3.3 C.12.2)
     * citing this series: its Series Instance UID and every instance once, in slice order. For
     * derived objects that reference the series' images (SEG, Encapsulated STL).
     */
    public Attributes referencedSeriesItem() {
        List<Attributes> instances = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Instance in : slices) {
            if (seen.add(in.sopInstanceUID())) {
                Attributes a = new Attributes();
                a.setString(Tag.ReferencedSOPClassUID, VR.UI, in.sopClassUID());
                a.setString(Tag.ReferencedSOPInstanceUID, VR.UI, in.sopInstanceUID());
                instances.add(a);
            }
        }
        Attributes s = new Attributes();
        s.setSequence(Tag.ReferencedInstanceSequence, instances);
        s.setString(Tag.SeriesInstanceUID, VR.UI, seriesInstanceUID);
        return s;
    }

    /**
     * {@code map} on this series' grid: the map itself when its grid is this grid (voxel centres
     * within 5 % of the smallest spacing), or an exact copy re-indexed when the grids hold the same
     * voxel centres in another axis order or direction (e.g. a NIfTI written in RAS order). Any
     * other grid is refused: derived objects must lie on the images they cite.
     *
     * @param name the label map's file, named in the error
     * @throws ImageFormatException if the grids differ in size, spacing, orientation or position
     */
    public LabelMap onGrid(LabelMap map, Path name) throws ImageFormatException {
        double tol = 0.05 * Math.min(geometry.spacing().minComponent(), 1e9);
        Dimensions d = map.dimensions();
        if (d.equals(dimensions) && sameCorners(map.geometry(), tol)) {
            return map;
        }
        Matrix4d m = geometry.lpsToIndex().mul(map.geometry().indexToLps());
        int[] axis = new int[3];
        int[] sign = new int[3];
        int[] offset = new int[3];
        int[] size = {d.nx(), d.ny(), d.nz()};
        boolean[] used = new boolean[3];
        boolean ok = true;
        for (int c = 0; c < 3 && ok; c++) {
            int found = -1;
            for (int r = 0; r < 3; r++) {
                double v = m.getRowColumn(r, c);
                if (Math.abs(Math.abs(v) - 1) < 0.01) {
                    found = found == -1 ? r : -2;
                    sign[c] = v > 0 ? 1 : -1;
                } else if (Math.abs(v) > 0.01) {
                    found = -2;
                }
            }
            if (found < 0 || used[found]) {
                ok = false;
                break;
            }
            used[found] = true;
            axis[c] = found;
        }
        int[] refSize = {dimensions.nx(), dimensions.ny(), dimensions.nz()};
        for (int r = 0; r < 3 && ok; r++) {
            double t = m.getRowColumn(r, 3);
            offset[r] = (int) Math.round(t);
            ok = Math.abs(t - offset[r]) < 0.05;
        }
        for (int c = 0; c < 3 && ok; c++) {
            int r = axis[c];
            int lo = sign[c] > 0 ? offset[r] : offset[r] - (size[c] - 1);
            ok = size[c] == refSize[r] && lo == 0;
        }
        if (!ok) {
            throw new ImageFormatException(name, -1, "the label map's grid " + d + " (spacing " + fmt(map.geometry().spacing())
                    + " mm, first voxel at " + fmt(map.geometry().origin()) + ") is not the grid of the referenced series "
                    + seriesInstanceUID + " " + dimensions + " (spacing " + fmt(geometry.spacing()) + " mm, first voxel at "
                    + fmt(geometry.origin()) + "): resample the labels onto the series first");
        }
        Volume src = map.labels();
        Volume.Builder b = Volume.builder(dimensions, src.type(), geometry);
        int[] ijk = new int[3];
        int[] t = new int[3];
        for (int k = 0; k < d.nz(); k++) {
            for (int j = 0; j < d.ny(); j++) {
                for (int i = 0; i < d.nx(); i++) {
                    ijk[0] = i;
                    ijk[1] = j;
                    ijk[2] = k;
                    for (int c = 0; c < 3; c++) {
                        t[axis[c]] = offset[axis[c]] + sign[c] * ijk[c];
                    }
                    int v = (int) src.raw(i, j, k);
                    if (v != 0) {
                        java.nio.Buffer slice = b.sliceForWriting(t[2]);
                        int o = dimensions.offsetInSlice(t[0], t[1]);
                        if (slice instanceof java.nio.ByteBuffer bs) {
                            bs.put(o, (byte) v);
                        } else {
                            ((java.nio.ShortBuffer) slice).put(o, (short) v);
                        }
                    }
                }
            }
        }
        for (int k = 0; k < dimensions.nz(); k++) {
            b.sliceForWriting(k);
        }
        return new LabelMap(b.build(), map.info());
    }

    private boolean sameCorners(Geometry g, double tol) {
        Vector3d a = new Vector3d();
        Vector3d c = new Vector3d();
        for (int n = 0; n < 8; n++) {
            double i = (n & 1) == 0 ? 0 : dimensions.nx() - 1;
            double j = (n & 2) == 0 ? 0 : dimensions.ny() - 1;
            double k = (n & 4) == 0 ? 0 : dimensions.nz() - 1;
            if (geometry.indexToPatient(i, j, k, a).distance(g.indexToPatient(i, j, k, c)) > tol) {
                return false;
            }
        }
        return true;
    }

    private static String fmt(Vector3d v) {
        return String.format(java.util.Locale.ROOT, "%.3f,%.3f,%.3f", v.x, v.y, v.z);
    }

    @Override
    public String toString() {
        return "ReferencedSeries[" + seriesInstanceUID + " " + dimensions + " " + modality + " from " + source + "]";
    }
}
