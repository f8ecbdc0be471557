package org.organ3d.net;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.organ3d.net.dicomweb.DicomWebClient;
import org.organ3d.net.dimse.DimseClient;

/**
 * Search, pull and push on a PACS, the same way over DICOMweb and over the DICOM network protocol.
 *
 * <p><b>Pulls</b> stream every instance to disk as it arrives (memory does not grow with the study)
 * into a {@link SeriesDownload}: a hidden partial folder renamed to {@code <out>/<SeriesInstanceUID>}
 * only when the series is complete; a rerun after an interruption transfers only the instances that
 * are missing (by SOP Instance UID). Nothing is written before the server has accepted the
 * credentials and answered the first query.
 *
 * <p>Every failure is a {@link PacsException} (a checked {@link IOException}) naming the server and
 * the cause, never the credentials. A client is used by one thread at a time; close it when done.
 */
public interface PacsClient extends AutoCloseable {

    /** The server this client talks to. */
    PacsServer server();

    /** Studies matching {@code query}, each with its series (up to {@link StudyQuery#limit()} studies). */
    List<StudyRecord> findStudies(StudyQuery query) throws IOException;

    /** The series of a study. */
    List<SeriesRecord> findSeries(String studyInstanceUID) throws IOException;

    /** The instances of a series. */
    List<InstanceRecord> findInstances(String studyInstanceUID, String seriesInstanceUID) throws IOException;

    /**
     * Pulls one series into {@code out/<SeriesInstanceUID>/} (see the class comment); a series that
     * is already complete there is not transferred again.
     */
    PullResult pullSeries(String studyInstanceUID, String seriesInstanceUID, Path out, TransferProgress progress)
            throws IOException;

    /** Stores DICOM Part 10 files on the server. Files the server refuses are listed, not thrown. */
    PushResult push(List<Path> files, TransferProgress progress) throws IOException;

    /**
     * Pulls one series, or every series of the study when {@code seriesInstanceUID} is null.
     *
     * @throws PacsException if the study has no series on the server
     */
    default List<PullResult> pull(String studyInstanceUID, String seriesInstanceUID, Path out, TransferProgress progress)
            throws IOException {
        if (seriesInstanceUID != null) {
            return List.of(pullSeries(studyInstanceUID, seriesInstanceUID, out, progress));
        }
        List<SeriesRecord> series = findSeries(studyInstanceUID);
        if (series.isEmpty()) {
            throw new PacsException(server() + " has no series for study " + studyInstanceUID);
        }
        List<PullResult> results = new ArrayList<>();
        for (SeriesRecord s : series) {
            results.add(pullSeries(studyInstanceUID, s.seriesInstanceUID(), out, progress));
        }
        return results;
    }

    /** Releases connections. */
    @Override
    void close() throws IOException;

    /**
     * A client for {@code server}: {@link DicomWebClient} for a URL, {@link DimseClient} for a
     * {@code dicom://} address.
     */
    static PacsClient open(PacsServer server, PacsSettings settings) throws PacsException {
        if (server instanceof PacsServer.DicomWeb web) {
            return new DicomWebClient(web, settings);
        }
        return new DimseClient((PacsServer.Dimse) server, settings);
    }
}
