package org.organ3d.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.organ3d.io.dicom.DicomParser;
import org.organ3d.io.dicom.SeriesInfo;
import org.organ3d.io.dicom.Tag;

/** The partial folder: nothing before prepare, rename only when complete, resume, wrong instances refused. */
class SeriesDownloadTest {

    @TempDir
    Path tmp;

    @Test
    void completeOnlyWhenEveryInstanceIsThereAndResumable() throws IOException {
        TestStudies.Series s = TestStudies.write(TestStudies.volume(8, 8, 4, 1), tmp.resolve("src"), SeriesInfo.ct("A^B", "P", "x"));
        List<String> sops = new ArrayList<>();
        for (Path f : s.files()) {
            sops.add(DicomParser.readHeader(f).dataset().getString(Tag.SOPInstanceUID));
        }
        Path out = tmp.resolve("out");
        SeriesDownload d = SeriesDownload.of(out, s.seriesUID());
        assertFalse(Files.exists(out), "nothing is created before prepare()");
        assertTrue(d.prepare().isEmpty());
        for (int i = 0; i < 2; i++) {
            Path in = d.newIncoming();
            Files.copy(s.files().get(i), in);
            assertEquals(sops.get(i), d.accept(in, "test").sopInstanceUID());
        }
        PacsException e = assertThrows(PacsException.class, () -> d.commit(sops, 2));
        assertTrue(e.getMessage().contains("2 of 4 instances"), e.getMessage());
        assertFalse(Files.exists(d.completeFolder()));
        // an incoming file left over from a crash is removed on resume; complete instances are kept
        Files.writeString(d.partialFolder().resolve(".incoming-dead.part"), "half");
        SeriesDownload again = SeriesDownload.of(out, s.seriesUID());
        assertEquals(Set.copyOf(sops.subList(0, 2)), again.prepare());
        assertFalse(Files.exists(d.partialFolder().resolve(".incoming-dead.part")));
        for (int i = 2; i < 4; i++) {
            Path in = again.newIncoming();
            Files.copy(s.files().get(i), in);
            again.accept(in, "test");
        }
        PullResult r = again.commit(sops, 2);
        assertEquals(4, r.instances());
        assertEquals(2, r.transferred());
        assertTrue(Files.isDirectory(again.completeFolder()));
        assertFalse(Files.exists(again.partialFolder()));
        assertTrue(SeriesDownload.of(out, s.seriesUID()).isComplete(sops));
        TestStudies.assertSameVolume(s.folder(), s.seriesUID(), r.folder());
    }

    @Test
    void instancesOfAnotherSeriesOrNotDicomAreRefusedAndDeleted() throws IOException {
        TestStudies.Series s = TestStudies.write(TestStudies.volume(8, 8, 1, 1), tmp.resolve("src"), SeriesInfo.ct("A^B", "P", "x"));
        SeriesDownload d = SeriesDownload.of(tmp.resolve("out"), "1.2.3.4");
        d.prepare();
        Path in = d.newIncoming();
        Files.copy(s.files().get(0), in);
        PacsException e = assertThrows(PacsException.class, () -> d.accept(in, "server X"));
        assertTrue(e.getMessage().contains("where series 1.2.3.4 was asked for"), e.getMessage());
        assertFalse(Files.exists(in));
        Path junk = d.newIncoming();
        Files.writeString(junk, "<html>error</html>");
        assertThrows(PacsException.class, () -> d.accept(junk, "server X"));
        assertFalse(Files.exists(junk));
        d.cleanUpAfterFailure();
        assertFalse(Files.exists(tmp.resolve("out")), "an output folder this download made and left empty goes");
        assertThrows(PacsException.class, () -> SeriesDownload.of(tmp, "../evil"));
    }
}
