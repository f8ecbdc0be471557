package org.organ3d.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.organ3d.io.dicom.SeriesInfo;
import org.organ3d.net.dicomweb.DicomWebClient;
import org.organ3d.net.dimse.DimseClient;
import org.organ3d.testkit.ExternalTool;
import org.organ3d.testkit.OrthancServer;
import org.organ3d.testkit.Processes;

/**
 * organ3d's DICOMweb and DIMSE clients against a real PACS: Orthanc started by the test (loopback,
 * free ports, basic authentication, DICOM peers by AE title and address), with a two-patient study
 * set uploaded through Orthanc's own REST API. Witnesses: organ3d's reader on the original files
 * (voxels), Orthanc's REST API (stored bytes), dcmtk's findscu (search results).
 */
class OrthancIntegrationTest {

    static final String USER = "radiology";
    static final String PASSWORD = "pw-Qx7#zT9!kL";

    @TempDir
    static Path tmp;

    static OrthancServer orthanc;
    static TestStudies.Series ct;
    static TestStudies.Series mr;
    static TestStudies.Series other;

    @BeforeAll
    static void startOrthanc() throws IOException {
        ExternalTool.ORTHANC.require();
        SeriesInfo a = new SeriesInfo("Doe^Jane", "PAT-A", null, null, null, "CT", "abdomen", "CT abdomen", 1);
        ct = TestStudies.write(TestStudies.volume(48, 40, 12, 1), tmp.resolve("src/ct"), a);
        mr = TestStudies.write(TestStudies.volume(32, 32, 6, 2), tmp.resolve("src/mr"), a.newSeries(2, "t1").withModality("MR"));
        SeriesInfo b = new SeriesInfo("Roe^Rick", "PAT-B", null, null, null, "CT", "chest", "CT chest", 1);
        other = TestStudies.write(TestStudies.volume(16, 16, 4, 3), tmp.resolve("src/other"), b);
        orthanc = OrthancServer.start(tmp.resolve("orthanc"), new OrthancServer.Options(USER, PASSWORD,
                List.of("ORGAN3D", "FINDSCU")));
        for (TestStudies.Series s : List.of(ct, mr, other)) {
            for (Path f : s.files()) {
                orthanc.upload(f);
            }
        }
    }

    @AfterAll
    static void stopOrthanc() {
        if (orthanc != null) {
            orthanc.close();
        }
    }

    static PacsSettings settings() {
        return PacsSettings.defaults().withCredentials(Credentials.basic(USER, PASSWORD, "the test"))
                .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(20));
    }

    static List<PacsClient> clients() throws PacsException {
        return List.of(PacsClient.open(PacsServer.parse(orthanc.dicomWebUrl()), settings()),
                PacsClient.open(PacsServer.parse(orthanc.dicomUrl()), settings()));
    }

    @Test
    void findsStudiesByPatientDateAndModalityOverBothProtocols() throws IOException {
        for (PacsClient c : clients()) {
            String p = c.server().toString();
            List<StudyRecord> all = c.findStudies(StudyQuery.all());
            assertEquals(Set.of(ct.studyUID(), other.studyUID()), uids(all), p);

            List<StudyRecord> a = c.findStudies(StudyQuery.all().withPatientId("PAT-A"));
            assertEquals(1, a.size(), p);
            StudyRecord s = a.get(0);
            assertEquals(ct.studyUID(), s.studyInstanceUID(), p);
            assertEquals("PAT-A", s.patientId(), p);
            assertEquals(Set.of("CT", "MR"), Set.copyOf(s.modalities()), p);
            assertEquals(2, s.series().size(), p);
            for (SeriesRecord r : s.series()) {
                TestStudies.Series src = r.seriesInstanceUID().equals(ct.seriesUID()) ? ct : mr;
                assertEquals(src.seriesUID(), r.seriesInstanceUID(), p);
                assertEquals(src.info().modality(), r.modality(), p);
                assertEquals(src.files().size(), r.instances(), p + " instances of " + r.seriesInstanceUID());
            }

            assertEquals(Set.of(ct.studyUID()), uids(c.findStudies(StudyQuery.all().withModality("MR"))), p);
            DateRange today = DateRange.parse(LocalDate.now().format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE));
            assertEquals(2, c.findStudies(StudyQuery.all().withStudyDate(today)).size(), p);
            assertTrue(c.findStudies(StudyQuery.all().withStudyDate(DateRange.parse("19900101-19901231"))).isEmpty(), p);
            assertEquals(1, c.findStudies(StudyQuery.all().withLimit(1)).size(), p + " limit");
            assertEquals(12, c.findInstances(ct.studyUID(), ct.seriesUID()).size(), p);
        }
    }

    @Test
    void dcmtkFindscuSeesTheSameStudies() throws IOException {
        ExternalTool.DCMTK.require();
        Processes.Run r = Processes.run(List.of(ExternalTool.DCMTK.command("findscu").toString(), "-S", "-aet", "FINDSCU",
                "-aec", "ORTHANC", "-k", "QueryRetrieveLevel=STUDY", "-k", "PatientID=PAT-A", "-k", "StudyInstanceUID",
                "127.0.0.1", Integer.toString(orthanc.dicomPort())), tmp, Duration.ofSeconds(60)).assertOk("findscu");
        String out = r.out() + r.err();
        assertTrue(out.contains(ct.studyUID()), out);
        assertFalse(out.contains(other.studyUID()), out);
        try (PacsClient c = PacsClient.open(PacsServer.parse(orthanc.dicomUrl()), settings())) {
            assertEquals(Set.of(ct.studyUID()), uids(c.findStudies(StudyQuery.all().withPatientId("PAT-A"))));
        }
    }

    @Test
    void pullsOverDicomWebAndCGetGiveTheOriginalVoxels() throws IOException {
        for (PacsClient c : clients()) {
            Path out = tmp.resolve("pull-" + (c instanceof DicomWebClient ? "web" : "dimse"));
            CountingProgress progress = new CountingProgress();
            List<PullResult> results = c.pull(ct.studyUID(), null, out, progress);
            assertEquals(2, results.size());
            for (TestStudies.Series s : List.of(ct, mr)) {
                Path folder = out.resolve(s.seriesUID());
                assertTrue(Files.isDirectory(folder), c.server() + ": " + folder);
                TestStudies.assertSameVolume(s.folder(), s.seriesUID(), folder);
                assertSameDatasets(s, folder);
            }
            assertEquals(18, progress.instances, "progress instances");
            assertNoHiddenLeftovers(out);
            // a second pull finds both series complete and transfers nothing
            List<PullResult> again = c.pull(ct.studyUID(), null, out, TransferProgress.NONE);
            assertEquals(0, again.stream().mapToInt(PullResult::transferred).sum());
        }
    }

    @Test
    void seriesMetadataMatchesTheFiles() throws IOException {
        DicomWebClient c = (DicomWebClient) PacsClient.open(PacsServer.parse(orthanc.dicomWebUrl()), settings());
        List<org.organ3d.io.dicom.Attributes> meta = c.seriesMetadata(ct.studyUID(), ct.seriesUID());
        assertEquals(ct.files().size(), meta.size());
        java.util.Map<String, org.organ3d.io.dicom.Attributes> bySop = new java.util.HashMap<>();
        meta.forEach(m -> bySop.put(m.getString(org.organ3d.io.dicom.Tag.SOPInstanceUID), m));
        for (Path f : ct.files()) {
            org.organ3d.io.dicom.Attributes h = org.organ3d.io.dicom.DicomParser.readHeader(f).dataset();
            org.organ3d.io.dicom.Attributes m = bySop.get(h.getString(org.organ3d.io.dicom.Tag.SOPInstanceUID));
            for (int tag : new int[] {org.organ3d.io.dicom.Tag.ImagePositionPatient, org.organ3d.io.dicom.Tag.PixelSpacing,
                org.organ3d.io.dicom.Tag.ImageOrientationPatient, org.organ3d.io.dicom.Tag.Rows,
                org.organ3d.io.dicom.Tag.RescaleIntercept}) {
                assertTrue(Arrays.equals(h.getDoubles(tag), m.getDoubles(tag)), org.organ3d.io.dicom.Tag.toString(tag));
            }
            assertEquals(h.getText(org.organ3d.io.dicom.Tag.PatientName), m.getText(org.organ3d.io.dicom.Tag.PatientName));
        }
    }

    @Test
    void wrongPasswordIsRefusedAndWritesNothing() throws IOException {
        Path out = tmp.resolve("refused");
        PacsSettings wrong = settings().withCredentials(Credentials.basic(USER, "not-the-password", "the test"));
        try (PacsClient c = PacsClient.open(PacsServer.parse(orthanc.dicomWebUrl()), wrong)) {
            PacsAuthenticationException e = assertThrows(PacsAuthenticationException.class,
                    () -> c.pull(ct.studyUID(), ct.seriesUID(), out, TransferProgress.NONE));
            assertTrue(e.getMessage().contains("HTTP 401"), e.getMessage());
            assertFalse(e.getMessage().contains("not-the-password"), e.getMessage());
        }
        assertFalse(Files.exists(out), "nothing may be written when the login is refused");
        PacsSettings unknownAet = settings().withCallingAet("STRANGER");
        try (PacsClient c = PacsClient.open(PacsServer.parse(orthanc.dicomUrl()), unknownAet)) {
            PacsException e = assertThrows(PacsException.class,
                    () -> c.pull(ct.studyUID(), ct.seriesUID(), out, TransferProgress.NONE));
            assertTrue(e.getMessage().contains("ORTHANC@127.0.0.1"), e.getMessage());
        }
        assertFalse(Files.exists(out));
    }

    @Test
    void echoAnswersAndWrongCalledAetIsRejected() throws IOException {
        new DimseClient((PacsServer.Dimse) PacsServer.parse(orthanc.dicomUrl()), settings()).echo();
        PacsServer.Dimse wrong = (PacsServer.Dimse) PacsServer.parse("dicom://NOT-ORTHANC@127.0.0.1:" + orthanc.dicomPort());
        PacsException e = assertThrows(PacsException.class, () -> new DimseClient(wrong, settings()).echo());
        assertTrue(e.getMessage().contains("rejected"), e.getMessage());
    }

    static void assertSameDatasets(TestStudies.Series s, Path folder) throws IOException {
        for (Path f : s.files()) {
            String sop = org.organ3d.io.dicom.DicomParser.readHeader(f).dataset().getString(
                    org.organ3d.io.dicom.Tag.SOPInstanceUID);
            Path got = folder.resolve(sop + ".dcm");
            assertTrue(Files.isRegularFile(got), got.toString());
            assertTrue(Arrays.equals(DatasetBytes.of(f), DatasetBytes.of(got)), "dataset bytes of " + sop);
        }
    }

    static void assertNoHiddenLeftovers(Path out) throws IOException {
        try (Stream<Path> s = Files.walk(out)) {
            List<Path> hidden = s.filter(p -> p.getFileName().toString().startsWith(".")).collect(Collectors.toList());
            assertTrue(hidden.isEmpty(), "left behind: " + hidden);
        }
    }

    static Set<String> uids(List<StudyRecord> studies) {
        return studies.stream().map(StudyRecord::studyInstanceUID).collect(Collectors.toSet());
    }

    /** Counts instances (thread-safe). */
    static final class CountingProgress implements TransferProgress {
        volatile int instances;
        volatile long bytes;
        final List<String> started = new ArrayList<>();

        @Override
        public synchronized void seriesStarted(String series, int total, int present) {
            started.add(series + ":" + total + ":" + present);
        }

        @Override
        public synchronized void instanceDone(long b) {
            instances++;
            bytes += b;
        }
    }
}
