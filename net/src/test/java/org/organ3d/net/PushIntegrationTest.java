package org.organ3d.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.organ3d.io.dicom.Attributes;
import org.organ3d.io.dicom.DicomParser;
import org.organ3d.io.dicom.EncapsulatedStlWriter;
import org.organ3d.io.dicom.SeriesInfo;
import org.organ3d.io.dicom.Tag;
import org.organ3d.io.dicom.Uids;
import org.organ3d.net.dimse.DimseClient;
import org.organ3d.testkit.ExternalTool;
import org.organ3d.testkit.OrthancServer;
import org.organ3d.testkit.StoreScp;

/**
 * Push of the clinical objects organ3d writes (SEG, RTSTRUCT, SR and Encapsulated STL from core's writers, see
 * {@link ClinicalObjects}) over STOW-RS and C-STORE: accepted, and given back by
 * the archive with the dataset as sent — byte for byte over DICOMweb and into dcmtk's storescp
 * (bit-preserving), element for element from Orthanc's DICOM server (which re-encodes sequence
 * lengths) — read back through Orthanc's REST API and storescp's files, independent of organ3d, and
 * re-retrieved by organ3d's own pull. A JPEG-LS file goes to storescp in its own transfer syntax.
 */
class PushIntegrationTest {

    static final String USER = "pusher";
    static final String PASSWORD = "push-pw-7731";

    @TempDir
    static Path tmp;

    static OrthancServer orthanc;
    static TestStudies.Series ct;

    @BeforeAll
    static void start() throws IOException {
        ExternalTool.ORTHANC.require();
        ct = TestStudies.write(TestStudies.volume(24, 24, 3, 5), tmp.resolve("ct"),
                SeriesInfo.ct("Push^Pat", "PAT-P", "ct"));
        orthanc = OrthancServer.start(tmp.resolve("orthanc"), new OrthancServer.Options(USER, PASSWORD,
                List.of("ORGAN3D")));
        for (Path f : ct.files()) {
            orthanc.upload(f);
        }
    }

    @AfterAll
    static void stop() {
        if (orthanc != null) {
            orthanc.close();
        }
    }

    static PacsSettings settings() {
        return PacsSettings.defaults().withCredentials(Credentials.basic(USER, PASSWORD, "the test"))
                .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(20));
    }

    @Test
    void stowRsStoresClinicalObjectsByteIdentical() throws IOException {
        checkPush(orthanc.dicomWebUrl(), tmp.resolve("stow"));
    }

    @Test
    void cStoreStoresClinicalObjectsByteIdentical() throws IOException {
        checkPush(orthanc.dicomUrl(), tmp.resolve("cstore"));
    }

    private void checkPush(String url, Path dir) throws IOException {
        List<Path> files = new ArrayList<>(ClinicalObjects.write(ct, Files.createDirectories(dir)));
        Path junk = Files.writeString(dir.resolve("notes.txt"), "not DICOM");
        files.add(junk);
        try (PacsClient c = PacsClient.open(PacsServer.parse(url), settings())) {
            PushResult r = c.push(files, TransferProgress.NONE);
            assertEquals(1, r.failed().size(), r.failed().toString());
            assertEquals(junk, r.failed().get(0).file());
            assertEquals(4, r.stored().size(), r.toString());
            List<String> classes = new ArrayList<>();
            for (Path f : files.subList(0, 4)) {
                String sop = sop(f);
                assertTrue(r.stored().contains(sop), sop);
                Path back = write(dir.resolve("back-" + sop), orthanc.instanceFile(sop));
                Attributes stored = DicomParser.readHeader(back).dataset();
                classes.add(stored.getString(Tag.SOPClassUID));
                assertEquals(ct.studyUID(), stored.getString(Tag.StudyInstanceUID), "joins the CT's study: " + f.getFileName());
                if (url.startsWith("http")) {
                    assertArrayEquals(DatasetBytes.of(f), DatasetBytes.of(back), "Orthanc's stored dataset of " + f.getFileName());
                } else {
                    // NB: Orthanc's DICOM server (dcmtk) re-encodes a received dataset with defined sequence
                    // and item lengths; the elements stay identical (byte identity of what organ3d sends
                    // is shown by storescp +B below)
                    DatasetBytes.assertSameElements(f, back);
                }
            }
            assertEquals(List.of(Uids.SEGMENTATION_STORAGE, Uids.RT_STRUCTURE_SET_STORAGE,
                    Uids.COMPREHENSIVE_3D_SR_STORAGE, EncapsulatedStlWriter.ENCAPSULATED_STL_STORAGE), classes,
                    "organ3d's SEG, RTSTRUCT, SR and Encapsulated STL as stored");
            // re-retrieved by organ3d itself, over the same protocol
            for (Path f : files.subList(0, 4)) {
                Attributes h = DicomParser.readHeader(f).dataset();
                PullResult p = c.pullSeries(h.getString(Tag.StudyInstanceUID), h.getString(Tag.SeriesInstanceUID),
                        dir.resolve("pulled"), TransferProgress.NONE);
                assertEquals(1, p.instances());
                Path again = p.folder().resolve(sop(f) + ".dcm");
                if (url.startsWith("http")) {
                    assertArrayEquals(DatasetBytes.of(f), DatasetBytes.of(again), "re-retrieved " + f.getFileName());
                } else {
                    DatasetBytes.assertSameElements(f, again);
                }
            }
        }
    }

    @Test
    void cStoreToDcmtkStorescpIsBitPreserving() throws IOException {
        ExternalTool.DCMTK.require();
        Path dir = Files.createDirectories(tmp.resolve("scp-src"));
        List<Path> files = new ArrayList<>(ClinicalObjects.write(ct, dir));
        files.addAll(ct.files());
        Path jls = ExternalTool.repositoryRoot().resolve("core/src/test/resources/org/organ3d/io/dicom/codec/dcm/ct16u_jls_gdcm.dcm");
        files.add(jls);
        try (StoreScp scp = StoreScp.start(tmp.resolve("scp"), "STORESCP")) {
            DimseClient c = new DimseClient((PacsServer.Dimse) PacsServer.parse(scp.dicomUrl()), settings());
            c.echo();
            PushResult r = c.push(files, TransferProgress.NONE);
            assertEquals(List.of(), r.failed(), scp.log());
            assertEquals(files.size(), r.stored().size());
            Map<String, Path> received = new HashMap<>();
            try (Stream<Path> s = Files.list(scp.folder())) {
                for (Path p : s.collect(Collectors.toList())) {
                    received.put(sop(p), p);
                }
            }
            for (Path f : files) {
                Path got = received.get(sop(f));
                assertTrue(got != null, "storescp received " + f.getFileName() + "\n" + scp.log());
                assertArrayEquals(DatasetBytes.of(f), DatasetBytes.of(got), "dataset of " + f.getFileName());
                assertEquals(DicomParser.readHeader(f).transferSyntax().uid(), DicomParser.readHeader(got).transferSyntax().uid(),
                        "sent in its own transfer syntax: " + f.getFileName());
            }
        }
    }

    static String sop(Path f) throws IOException {
        return DicomParser.readHeader(f).dataset().getString(Tag.SOPInstanceUID);
    }

    static Path write(Path f, byte[] b) throws IOException {
        Files.write(f, b);
        return f;
    }
}
