package org.organ3d.net;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.organ3d.compute.JavaBackend;
import org.organ3d.io.ReadOptions;
import org.organ3d.io.dicom.DicomSeriesReader;
import org.organ3d.io.dicom.EncapsulatedStlWriter;
import org.organ3d.io.dicom.ReferencedSeries;
import org.organ3d.io.dicom.WrittenInstance;
import org.organ3d.io.dicom.rtstruct.RtStructWriter;
import org.organ3d.io.dicom.seg.SegWriter;
import org.organ3d.io.dicom.sr.CitedSegmentation;
import org.organ3d.io.dicom.sr.MeasurementReportWriter;
import org.organ3d.measure.LabelMeasurements;
import org.organ3d.measure.LabelSurfaces;
import org.organ3d.mesh.Mesh;
import org.organ3d.mesh.io.CoordinateSystem;
import org.organ3d.mesh.io.ExportOptions;
import org.organ3d.mesh.io.MeshWriters;
import org.organ3d.mesh.io.NamedMesh;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.LabelInfo;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.VoxelType;

/**
 * The clinical objects organ3d makes for a test series, for push tests, each written by core's own
 * writer on the series' grid and citing it (same patient, study and frame of reference): a binary
 * SEG ({@link SegWriter}), an RT Structure Set ({@link RtStructWriter}) and a TID 1500 measurement
 * report ({@link MeasurementReportWriter}) citing the SEG's segments and an Encapsulated STL of the
 * liver's surface ({@link EncapsulatedStlWriter}), all from one label map: a
 * "liver" block with a "liver lesion" ball inside.
 */
final class ClinicalObjects {

    private ClinicalObjects() {
    }

    /**
     * Writes the SEG, RTSTRUCT, SR and Encapsulated STL (the liver's surface) of {@code of} into
     * {@code dir}; returns the DICOM files in that order.
     */
    static List<Path> write(TestStudies.Series of, Path dir) throws IOException {
        ReferencedSeries ct = ReferencedSeries.read(of.folder());
        LabelMap labels = labels(ct);
        Path seg = dir.resolve("seg.dcm");
        WrittenInstance segWritten = SegWriter.write(labels, ct, SegWriter.Options.binary(), seg);
        Path rtstruct = dir.resolve("rtstruct.dcm");
        RtStructWriter.write(labels, ct, RtStructWriter.Options.defaults(), rtstruct);
        Path sr = dir.resolve("sr.dcm");
        MeasurementReportWriter.write(LabelMeasurements.measure(labels, null,
                        DicomSeriesReader.readFolder(of.folder(), ReadOptions.defaults()).volume(),
                        LabelSurfaces.indicatorIsoSurface()),
                ct, CitedSegmentation.of(segWritten, labels), MeasurementReportWriter.Options.defaults(), sr);
        Path stl;
        try (JavaBackend b = new JavaBackend()) {
            Mesh liver = b.labelSurfaces(labels, Set.of(1)).get(1);
            stl = MeshWriters.write(dir.resolve("liver.stl"), List.of(new NamedMesh(1, "liver", 0xdd8844ff, liver)),
                    ExportOptions.in(CoordinateSystem.LPS)).get(0);
        }
        Path model = dir.resolve("model.dcm");
        EncapsulatedStlWriter.write(stl, ct, EncapsulatedStlWriter.Options.defaults(), model);
        return List.of(seg, rtstruct, sr, model);
    }

    /** Label 1 "liver": columns 3..18, rows 4..19, every slice; label 2 "liver lesion": a ball of radius 3.5 voxels in it. */
    static LabelMap labels(ReferencedSeries ct) {
        Dimensions d = ct.dimensions();
        var b = LabelMap.builder(d, VoxelType.UINT8, ct.geometry());
        for (int k = 0; k < d.nz(); k++) {
            ByteBuffer s = b.bytesForWriting(k);
            for (int j = 0; j < d.ny(); j++) {
                for (int i = 0; i < d.nx(); i++) {
                    double r2 = (i - 10.5) * (i - 10.5) + (j - 11.5) * (j - 11.5) + (k - 1) * (k - 1) * 4.0;
                    int v = r2 <= 3.5 * 3.5 ? 2 : i >= 3 && i <= 18 && j >= 4 && j <= 19 ? 1 : 0;
                    s.put(d.offsetInSlice(i, j), (byte) v);
                }
            }
        }
        return new LabelMap(b.build(), Map.of(1, new LabelInfo(1, "liver", 0xdd8844ff),
                2, new LabelInfo(2, "liver lesion", 0xeecc22ff)));
    }
}
