package org.organ3d.io.dicom;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.joml.Vector3d;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.Rescale;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/**
 * Writes a {@link Volume} as a DICOM image series: one explicit VR little endian file per slice k,
 * named {@code <modality><k+1, 5 digits>.dcm}, each written atomically.
 *
 * <p><b>Geometry.</b> Image Orientation (Patient) is the unit i and j directions of the volume's
 * affine; Image Position (Patient) of file k is the LPS position of voxel (0, 0, k), so oblique and
 * sheared (gantry-tilted) grids are written exactly; Pixel Spacing is (j step, i step) in mm; Slice
 * Thickness and Spacing Between Slices are the distance between slice centres along the normal.
 * Decimal strings keep up to 16 characters (about 1e-10 mm at typical magnitudes).
 *
 * <p><b>Pixels.</b> 16 bits allocated and stored, MONOCHROME2. int16/int8 volumes are written signed,
 * uint16/uint8 unsigned, with the volume's rescale as Rescale Slope/Intercept: exact. int32 and
 * float32 volumes whose stored values are integers fitting int16 or uint16 are also exact; others are
 * quantised linearly onto −32767..32767 with a new slope/intercept (error at most half a step: the
 * one lossy case).
 *
 * <p>Modality CT writes CT Image Storage, MR writes MR Image Storage; any other modality writes
 * Secondary Capture. Slices are written in parallel; the method returns when all are on disk.
 */
public final class DicomSeriesWriter {

    private DicomSeriesWriter() {
    }

    /** How stored 16-bit values come from the volume. */
    private record Encoding(boolean signed, Rescale rescale, boolean quantize, double qSlope, double qIntercept) {
    }

    /**
     * Writes {@code volume} into {@code folder} (created if needed) as one file per slice.
     *
     * @return the files written, in slice order
     * @throws IOException if a file cannot be written (files already written stay, each complete)
     */
    public static List<Path> writeCtSeries(Volume volume, Path folder, SeriesInfo info) throws IOException {
        Files.createDirectories(folder);
        Encoding enc = encoding(volume);
        Geometry g = volume.geometry();
        Vector3d row = g.direction().getColumn(0, new Vector3d());
        Vector3d col = g.direction().getColumn(1, new Vector3d());
        Vector3d normal = new Vector3d(row).cross(col).normalize();
        Vector3d sp = g.spacing();
        double thickness = g.sliceThicknessAlongNormal();
        String sopClass = switch (info.modality()) {
            case "CT" -> Uids.CT_IMAGE_STORAGE;
            case "MR" -> Uids.MR_IMAGE_STORAGE;
            default -> Uids.SECONDARY_CAPTURE_IMAGE_STORAGE;
        };
        LocalDateTime now = LocalDateTime.now();
        String date = now.format(DateTimeFormatter.BASIC_ISO_DATE);
        String time = now.format(DateTimeFormatter.ofPattern("HHmmss"));
        List<Path> files = new ArrayList<>();
        for (int k = 0; k < volume.nz(); k++) {
            files.add(folder.resolve(String.format("%s%05d.dcm", info.modality().replaceAll("[^A-Za-z0-9]", ""), k + 1)));
        }
        try {
            IntStream.range(0, volume.nz()).parallel().forEach(k -> {
                Attributes ds = new Attributes();
                ds.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
                ds.setString(Tag.ImageType, VR.CS, "DERIVED", "SECONDARY", "AXIAL");
                ds.setString(Tag.SOPClassUID, VR.UI, sopClass);
                ds.setString(Tag.SOPInstanceUID, VR.UI, Uids.random());
                ds.setString(Tag.StudyDate, VR.DA, date);
                ds.setString(Tag.SeriesDate, VR.DA, date);
                ds.setString(Tag.ContentDate, VR.DA, date);
                ds.setString(Tag.StudyTime, VR.TM, time);
                ds.setString(Tag.SeriesTime, VR.TM, time);
                ds.setString(Tag.ContentTime, VR.TM, time);
                ds.setString(Tag.AccessionNumber, VR.SH, "");
                ds.setString(Tag.Modality, VR.CS, info.modality());
                ds.setString(Tag.Manufacturer, VR.LO, "organ3d");
                ds.setString(Tag.ReferringPhysicianName, VR.PN, "");
                ds.setString(Tag.StudyDescription, VR.LO, info.studyDescription());
                ds.setString(Tag.SeriesDescription, VR.LO, info.seriesDescription());
                ds.setString(Tag.PatientName, VR.PN, info.patientName());
                ds.setString(Tag.PatientID, VR.LO, info.patientId());
                ds.setString(Tag.PatientBirthDate, VR.DA, "");
                ds.setString(Tag.PatientSex, VR.CS, "");
                ds.setDecimal(Tag.SliceThickness, thickness);
                if ("CT".equals(info.modality())) {
                    ds.setString(Tag.KVP, VR.DS, "");
                }
                ds.setDecimal(Tag.SpacingBetweenSlices, thickness);
                ds.setString(Tag.StudyInstanceUID, VR.UI, info.studyInstanceUID());
                ds.setString(Tag.SeriesInstanceUID, VR.UI, info.seriesInstanceUID());
                ds.setString(Tag.StudyID, VR.SH, "1");
                ds.setIntString(Tag.SeriesNumber, info.seriesNumber());
                ds.setIntString(Tag.AcquisitionNumber, 1);
                ds.setIntString(Tag.InstanceNumber, k + 1);
                Vector3d p = g.indexToPatient(0, 0, k);
                ds.setDecimal(Tag.ImagePositionPatient, p.x, p.y, p.z);
                ds.setDecimal(Tag.ImageOrientationPatient, row.x, row.y, row.z, col.x, col.y, col.z);
                ds.setString(Tag.FrameOfReferenceUID, VR.UI, info.frameOfReferenceUID());
                ds.setString(Tag.PositionReferenceIndicator, VR.LO, "");
                ds.setDecimal(Tag.SliceLocation, p.dot(normal));
                ds.setInt(Tag.SamplesPerPixel, VR.US, 1);
                ds.setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
                ds.setInt(Tag.Rows, VR.US, volume.ny());
                ds.setInt(Tag.Columns, VR.US, volume.nx());
                ds.setDecimal(Tag.PixelSpacing, sp.y, sp.x);
                ds.setInt(Tag.BitsAllocated, VR.US, 16);
                ds.setInt(Tag.BitsStored, VR.US, 16);
                ds.setInt(Tag.HighBit, VR.US, 15);
                ds.setInt(Tag.PixelRepresentation, VR.US, enc.signed() ? 1 : 0);
                if ("CT".equals(info.modality())) {
                    ds.setDecimal(Tag.WindowCenter, 40);
                    ds.setDecimal(Tag.WindowWidth, 400);
                }
                ds.setDecimal(Tag.RescaleIntercept, enc.rescale().intercept());
                ds.setDecimal(Tag.RescaleSlope, enc.rescale().slope());
                ds.setString(Tag.RescaleType, VR.LO, "CT".equals(info.modality()) ? "HU" : "US");
                ds.setBytes(Tag.PixelData, VR.OW, pixels(volume, k, enc));
                try {
                    DicomWriter.write(files.get(k), ds);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return files;
    }

    private static Encoding encoding(Volume v) {
        VoxelType t = v.type();
        Rescale r = v.rescale();
        switch (t) {
            case INT16, INT8:
                return new Encoding(true, r, false, 0, 0);
            case UINT16, UINT8:
                return new Encoding(false, r, false, 0, 0);
            default:
                break;
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        boolean integral = true;
        for (int k = 0; k < v.nz(); k++) {
            for (int j = 0; j < v.ny(); j++) {
                for (int i = 0; i < v.nx(); i++) {
                    double x = v.raw(i, j, k);
                    min = Math.min(min, x);
                    max = Math.max(max, x);
                    integral &= x == Math.rint(x);
                }
            }
        }
        if (integral && min >= Short.MIN_VALUE && max <= Short.MAX_VALUE) {
            return new Encoding(true, r, false, 0, 0);
        }
        if (integral && min >= 0 && max <= 65535) {
            return new Encoding(false, r, false, 0, 0);
        }
        double lo = Math.min(r.apply(min), r.apply(max));
        double hi = Math.max(r.apply(min), r.apply(max));
        double slope = hi > lo ? (hi - lo) / 65534.0 : 1.0;
        double intercept = lo + 32767 * slope;
        return new Encoding(true, new Rescale(slope, intercept), true, slope, intercept);
    }

    private static byte[] pixels(Volume v, int k, Encoding enc) {
        int n = v.nx() * v.ny();
        ByteBuffer b = ByteBuffer.allocate(2 * n).order(ByteOrder.LITTLE_ENDIAN);
        if (!enc.quantize() && (v.type() == VoxelType.INT16 || v.type() == VoxelType.UINT16)) {
            short[] s = new short[n];
            v.copySlice(k, s);
            b.asShortBuffer().put(s);
            return b.array();
        }
        for (int p = 0; p < n; p++) {
            int i = p % v.nx();
            int j = p / v.nx();
            long s;
            if (enc.quantize()) {
                s = Math.round((v.value(i, j, k) - enc.qIntercept()) / enc.qSlope());
                s = Math.max(-32767, Math.min(32767, s));
            } else {
                s = (long) v.raw(i, j, k);
            }
            b.putShort(2 * p, (short) s);
        }
        return b.array();
    }
}
