package org.organ3d.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.organ3d.cli.CliRun.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.organ3d.io.ImageFormats;
import org.organ3d.io.dicom.Uids;
import org.organ3d.testdata.phantom.PhantomGenerator;
import org.organ3d.testdata.phantom.PhantomGrid;
import org.organ3d.testdata.phantom.PhantomStudyFiles;
import org.organ3d.testdata.phantom.ManyLabelPhantom;
import org.organ3d.io.dicom.DicomSeriesWriter;
import org.organ3d.io.dicom.SeriesInfo;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Rescale;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;
import org.organ3d.volume.LabelMap;

/**
 * The clinical objects on the command line (shared/CONTRACT.md, second wave): {@code convert --as
 * seg|labelmap-seg --reference}, SEG inputs to info, convert and measure, and the usage errors.
 */
class ClinicalObjectsCliTest {

    @TempDir
    static Path dir;

    static Path study;

    /** The phantom study on a coarse grid: DICOM CT in study/dicom, truth labels (7 organs) beside it. */
    @BeforeAll
    static void study() throws Exception {
        study = dir.resolve("study");
        PhantomStudyFiles.write(PhantomGenerator.generate(new PhantomGrid(96, 96, 50, 3.75, 3.75, 6.0)), study);
    }

    static long differences(LabelMap a, LabelMap b) {
        long diff = 0;
        for (int k = 0; k < a.dimensions().nz(); k++) {
            for (int j = 0; j < a.dimensions().ny(); j++) {
                for (int i = 0; i < a.dimensions().nx(); i++) {
                    diff += a.label(i, j, k) != b.label(i, j, k) ? 1 : 0;
                }
            }
        }
        return diff;
    }

    @Test
    void labelsToSegAndBackThroughEveryCommand() throws Exception {
        Path truth = PhantomStudyFiles.truthLabels(study);
        Path ct = PhantomStudyFiles.dicomFolder(study);
        for (String as : new String[] {"seg", "labelmap-seg", "rtstruct"}) {
            Path seg = study.resolve(as + ".dcm");
            CliRun r = run("convert", truth.toString(), seg.toString(), "--reference", ct.toString(), "--as", as, "--json");
            assertEquals(0, r.code(), r.err());
            JsonNode j = Json.MAPPER.readTree(r.out());
            assertEquals(as.equals("seg") ? Uids.SEGMENTATION_STORAGE : as.equals("rtstruct")
                    ? Uids.RT_STRUCTURE_SET_STORAGE : Uids.LABEL_MAP_SEGMENTATION_STORAGE, j.get("sopClassUID").asText());
            assertTrue(Uids.isValid(j.get("sopInstanceUID").asText()));
            assertEquals(7, j.get("segments").asInt());
            assertEquals("[96,96,50]", j.get("dimensions").toString());

            r = run("info", seg.toString(), "--json");
            assertEquals(0, r.code(), r.err());
            j = Json.MAPPER.readTree(r.out());
            assertEquals(as.equals("rtstruct") ? "dicom-rtstruct" : "dicom-seg", j.get("format").asText());
            assertEquals(as.equals("rtstruct") ? "RTSTRUCT" : "SEG", j.get("modality").asText());
            assertEquals(7, j.get("segments").asInt());
            assertEquals("liver", j.get("labels").get(0).get("name").asText());
            assertEquals(0, j.get("warnings").size(), j.toString());

            Path back = dir.resolve(as + "-back.nii.gz");
            r = run("convert", seg.toString(), back.toString(), "--reference", ct.toString());
            assertEquals(0, r.code(), r.err());
            assertEquals(0, differences(ImageFormats.read(truth).asLabelMap(), ImageFormats.read(back).asLabelMap()));

            CliRun fromSeg = run("measure", seg.toString(), "--image", ct.toString(), "--json", "--no-mesh");
            CliRun fromNifti = run("measure", truth.toString(), "--image", ct.toString(), "--json", "--no-mesh");
            assertEquals(0, fromSeg.code(), fromSeg.err());
            JsonNode a = Json.MAPPER.readTree(fromSeg.out()).get("labels");
            JsonNode b = Json.MAPPER.readTree(fromNifti.out()).get("labels");
            assertEquals(7, a.size());
            for (int n = 0; n < 7; n++) {
                assertEquals(b.get(n).get("voxelCount").asLong(), a.get(n).get("voxelCount").asLong());
                assertEquals(b.get(n).get("name").asText(), a.get(n).get("name").asText());
                assertEquals(b.get(n).get("intensity").get("mean").asDouble(), a.get(n).get("intensity").get("mean").asDouble(), 0);
            }
        }
    }

    @Test
    void measureWritesAStructuredReportCitingTheSegOrOneItWrites() throws Exception {
        Path truth = PhantomStudyFiles.truthLabels(study);
        Path ct = PhantomStudyFiles.dicomFolder(study);
        Path report = dir.resolve("report.dcm");
        CliRun r = run("measure", truth.toString(), "--image", ct.toString(), "--sr", report.toString(), "--json", "--no-mesh");
        assertEquals(0, r.code(), r.err());
        JsonNode j = Json.MAPPER.readTree(r.out());
        assertEquals(7, j.get("labels").size());
        JsonNode sr = j.get("sr");
        assertEquals(Uids.COMPREHENSIVE_3D_SR_STORAGE, sr.get("sopClassUID").asText());
        assertEquals(7, sr.get("measurementGroups").asInt());
        assertTrue(sr.get("segmentation").get("written").asBoolean());
        Path seg = dir.resolve("report-seg.dcm");
        assertEquals(seg.toAbsolutePath().normalize().toString(), sr.get("segmentation").get("out").asText());
        assertTrue(java.nio.file.Files.isRegularFile(report) && java.nio.file.Files.isRegularFile(seg));
        assertTrue(r.err().contains("organ3d measure: note: wrote the measurement report"), r.err());

        // measuring the SEG itself: the report cites it, nothing else is written
        Path report2 = dir.resolve("report2.dcm");
        r = run("measure", seg.toString(), "--image", ct.toString(), "--sr", report2.toString(), "--json", "--no-mesh");
        assertEquals(0, r.code(), r.err());
        JsonNode sr2 = Json.MAPPER.readTree(r.out()).get("sr");
        assertEquals(sr.get("segmentation").get("sopInstanceUID").asText(), sr2.get("segmentation").get("sopInstanceUID").asText());
        assertTrue(!sr2.get("segmentation").get("written").asBoolean());

        r = run("measure", truth.toString(), "--sr", dir.resolve("report3.dcm").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--sr needs the DICOM image series"), r.err());
    }

    @Test
    void aHundredAndSeventeenLabelsComeBackVoxelForVoxel() throws Exception {
        Dimensions d = new Dimensions(128, 128, 80);
        LabelMap many = ManyLabelPhantom.generate(d, 117, 11);
        Path ct = dir.resolve("many/ct");
        Volume.Builder b = Volume.builder(d, VoxelType.INT16, many.geometry()).rescale(new Rescale(1, -1024));
        for (int k = 0; k < d.nz(); k++) {
            b.sliceForWriting(k);
        }
        DicomSeriesWriter.writeCtSeries(b.build(), ct, SeriesInfo.ct("Many^Labels", "M1", "117 labels"));
        Path labels = dir.resolve("many/labels.nii.gz");
        ImageFormats.write(labels, many.labels(), many.info());
        for (String as : new String[] {"seg", "labelmap-seg", "rtstruct"}) {
            Path out = dir.resolve("many/" + as + ".dcm");
            CliRun r = run("convert", labels.toString(), out.toString(), "--reference", ct.toString(), "--as", as, "--json");
            assertEquals(0, r.code(), r.err());
            assertEquals(many.counts().size(), Json.MAPPER.readTree(r.out()).get("segments").asInt());
            Path back = dir.resolve("many/" + as + "-back.nii.gz");
            r = run("convert", out.toString(), back.toString(), "--reference", ct.toString());
            assertEquals(0, r.code(), r.err());
            LabelMap read = ImageFormats.read(back).asLabelMap();
            assertEquals(0, differences(many, read), as);
            assertEquals("structure 117", read.info().get(117).name(), as);
        }
    }

    @Test
    void usageErrorsExitTwoAndFailuresOneWithOneLine() throws Exception {
        Path truth = PhantomStudyFiles.truthLabels(study);
        Path ct = PhantomStudyFiles.dicomFolder(study);
        CliRun r = run("convert", truth.toString(), dir.resolve("x.dcm").toString(), "--as", "seg");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--reference"), r.err());
        r = run("convert", truth.toString(), dir.resolve("x.dcm").toString(), "--as", "sr", "--reference", ct.toString());
        assertEquals(2, r.code());
        r = run("info", truth.toString(), "--reference", ct.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("SEG and RTSTRUCT"), r.err());
        r = run("convert", truth.toString(), dir.resolve("x.dcm").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--as seg|labelmap-seg|rtstruct"), r.err());
        // a label map on another grid than the reference: exit 1, one line naming the file
        Path other = dir.resolve("other");
        PhantomStudyFiles.write(PhantomGenerator.generate(new PhantomGrid(64, 64, 20, 5, 5, 15)), other);
        r = run("convert", truth.toString(), dir.resolve("y.dcm").toString(), "--reference",
                PhantomStudyFiles.dicomFolder(other).toString(), "--as", "seg");
        assertEquals(1, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("truth-labels.nii.gz") && r.err().contains("resample"), r.err());
    }
}
