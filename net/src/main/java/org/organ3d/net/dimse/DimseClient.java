package org.organ3d.net.dimse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.organ3d.io.dicom.Attributes;
import org.organ3d.io.dicom.DicomParseException;
import org.organ3d.io.dicom.DicomParser;
import org.organ3d.io.dicom.DicomWriter;
import org.organ3d.io.dicom.Tag;
import org.organ3d.io.dicom.TransferSyntax;
import org.organ3d.io.dicom.Uids;
import org.organ3d.io.dicom.VR;
import org.organ3d.net.InstanceRecord;
import org.organ3d.net.PacsClient;
import org.organ3d.net.PacsException;
import org.organ3d.net.PacsServer;
import org.organ3d.net.PacsSettings;
import org.organ3d.net.PullResult;
import org.organ3d.net.PushResult;
import org.organ3d.net.QueryResults;
import org.organ3d.net.SeriesDownload;
import org.organ3d.net.SeriesRecord;
import org.organ3d.net.StudyQuery;
import org.organ3d.net.StudyRecord;
import org.organ3d.net.TransferProgress;
import org.organ3d.net.TransferSyntaxes;

/**
 * A DICOM network client (an SCU, PS3.4 and PS3.7): C-ECHO, C-FIND in the Study Root information
 * model (study, series and instance levels), C-GET with the C-STORE sub-operations received on the
 * same association and streamed to disk, and C-STORE of files.
 *
 * <p>Each operation opens its own association and releases it at the end (aborts it on failure);
 * see {@link Association} for timeouts and limits, {@link PacsClient} for the guarantees on files.
 * DICOM associations carry no password: the archive admits us by our calling AE title (and usually
 * our address). One thread at a time.
 */
public final class DimseClient implements PacsClient {

    /** Largest C-FIND answer dataset accepted. */
    static final int MAX_IDENTIFIER = 1 << 20;
    private static final List<String> QUERY_SYNTAXES = TransferSyntaxes.NATIVE;

    private final PacsServer.Dimse server;
    private final PacsSettings settings;

    /** A client for {@code server}; nothing is sent yet. */
    public DimseClient(PacsServer.Dimse server, PacsSettings settings) {
        this.server = server;
        this.settings = settings;
    }

    @Override
    public PacsServer server() {
        return server;
    }

    /** C-ECHO: checks that the peer answers and accepts our AE title. */
    public void echo() throws IOException {
        List<PresentationContext> pcs = List.of(new PresentationContext(1, DimseMessages.VERIFICATION, QUERY_SYNTAXES));
        try (Association a = Association.open(server, settings, pcs, List.of())) {
            int ctx = requireContext(a, DimseMessages.VERIFICATION, "C-ECHO");
            a.sendCommand(ctx, DimseMessages.echo(a.nextMessageId()));
            Association.Command rsp = a.readCommand();
            int status = DimseMessages.status(rsp.command());
            if (status != DimseMessages.SUCCESS) {
                throw new PacsException(server + ": C-ECHO failed: " + DimseMessages.describe(status, rsp.command()));
            }
            a.release();
        }
    }

    @Override
    public List<StudyRecord> findStudies(StudyQuery q) throws IOException {
        Attributes keys = new Attributes();
        keys.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
        keys.setString(Tag.QueryRetrieveLevel, VR.CS, "STUDY");
        keys.setString(Tag.StudyDate, VR.DA, q.studyDate() == null ? "" : q.studyDate().toDicom());
        keys.setString(Tag.AccessionNumber, VR.SH, nz(q.accessionNumber()));
        keys.setString(Tag.ModalitiesInStudy, VR.CS, nz(q.modality()));
        keys.setString(Tag.StudyDescription, VR.LO, "");
        keys.setString(Tag.PatientName, VR.PN, nz(q.patientName()));
        keys.setString(Tag.PatientID, VR.LO, nz(q.patientId()));
        keys.setString(Tag.StudyInstanceUID, VR.UI, nz(q.studyInstanceUID()));
        keys.setString(Tag.NumberOfStudyRelatedSeries, VR.IS, "");
        List<StudyRecord> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Attributes a : find(keys, q.limit(), "the study search")) {
            StudyRecord s = QueryResults.study(a, server + " (study C-FIND)");
            if (seen.add(s.studyInstanceUID())) {
                out.add(s);
            }
        }
        List<StudyRecord> withSeries = new ArrayList<>();
        for (StudyRecord s : out) {
            withSeries.add(QueryResults.withSeriesModalities(s, findSeries(s.studyInstanceUID())));
        }
        return withSeries;
    }

    @Override
    public List<SeriesRecord> findSeries(String studyUID) throws IOException {
        checkUid(studyUID, "Study Instance UID");
        Attributes keys = new Attributes();
        keys.setString(Tag.QueryRetrieveLevel, VR.CS, "SERIES");
        keys.setString(Tag.Modality, VR.CS, "");
        keys.setString(Tag.SeriesDescription, VR.LO, "");
        keys.setString(Tag.StudyInstanceUID, VR.UI, studyUID);
        keys.setString(Tag.SeriesInstanceUID, VR.UI, "");
        keys.setString(Tag.SeriesNumber, VR.IS, "");
        keys.setString(Tag.NumberOfSeriesRelatedInstances, VR.IS, "");
        List<SeriesRecord> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Attributes a : find(keys, Integer.MAX_VALUE, "the series search")) {
            SeriesRecord s = QueryResults.series(studyUID, a, server + " (series C-FIND)");
            if (seen.add(s.seriesInstanceUID())) {
                out.add(s);
            }
        }
        return out;
    }

    @Override
    public List<InstanceRecord> findInstances(String studyUID, String seriesUID) throws IOException {
        checkUid(studyUID, "Study Instance UID");
        checkUid(seriesUID, "Series Instance UID");
        Attributes keys = new Attributes();
        keys.setString(Tag.SOPClassUID, VR.UI, "");
        keys.setString(Tag.SOPInstanceUID, VR.UI, "");
        keys.setString(Tag.QueryRetrieveLevel, VR.CS, "IMAGE");
        keys.setString(Tag.StudyInstanceUID, VR.UI, studyUID);
        keys.setString(Tag.SeriesInstanceUID, VR.UI, seriesUID);
        keys.setString(Tag.InstanceNumber, VR.IS, "");
        List<InstanceRecord> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Attributes a : find(keys, Integer.MAX_VALUE, "the instance search")) {
            InstanceRecord r = QueryResults.instance(a, server + " (instance C-FIND)");
            if (seen.add(r.sopInstanceUID())) {
                out.add(r);
            }
        }
        return out;
    }

    /** One C-FIND on a fresh association; cancels when {@code max} answers have come. */
    private List<Attributes> find(Attributes keys, int max, String what) throws IOException {
        List<PresentationContext> pcs = List.of(new PresentationContext(1, DimseMessages.STUDY_ROOT_FIND, QUERY_SYNTAXES));
        List<Attributes> results = new ArrayList<>();
        try (Association a = Association.open(server, settings, pcs, List.of())) {
            int ctx = requireContext(a, DimseMessages.STUDY_ROOT_FIND, what);
            TransferSyntax ts = TransferSyntax.of(a.transferSyntax(ctx));
            int id = a.nextMessageId();
            a.sendCommand(ctx, DimseMessages.find(DimseMessages.STUDY_ROOT_FIND, id));
            a.sendDataset(ctx, new ByteArrayInputStream(DicomWriter.encodeDataset(keys, ts)));
            boolean cancelled = false;
            while (true) {
                Association.Command rsp = a.readCommand();
                Attributes cmd = rsp.command();
                if (cmd.getInt(Tag.CommandField, -1) != DimseMessages.C_FIND_RSP) {
                    a.abortQuietly();
                    throw new PacsException(server + ": " + what + ": expected a C-FIND response, got command 0x"
                            + Integer.toHexString(cmd.getInt(Tag.CommandField, -1)));
                }
                int status = DimseMessages.status(cmd);
                byte[] data = DimseMessages.hasDataset(cmd) ? a.readDataset(rsp.contextId(), MAX_IDENTIFIER) : null;
                if (DimseMessages.isPending(status)) {
                    if (data == null) {
                        continue;
                    }
                    if (results.size() < max) {
                        results.add(parse(data, ts, what));
                    }
                    if (results.size() >= max && !cancelled) {
                        a.sendCommand(ctx, DimseMessages.cancel(id));
                        cancelled = true;
                    }
                    continue;
                }
                if (status == DimseMessages.SUCCESS || status == DimseMessages.CANCEL && cancelled) {
                    break;
                }
                throw new PacsException(server + ": " + what + " failed: " + DimseMessages.describe(status, cmd));
            }
            a.release();
        }
        return results;
    }

    private Attributes parse(byte[] data, TransferSyntax ts, String what) throws PacsException {
        try {
            return DicomParser.parseDataset(null, ByteBuffer.wrap(data), ts);
        } catch (DicomParseException e) {
            throw new PacsException(server + ": " + what + ": malformed answer (" + e.getMessage() + ")");
        }
    }

    @Override
    public PullResult pullSeries(String studyUID, String seriesUID, Path out, TransferProgress progress)
            throws IOException {
        List<InstanceRecord> listed = findInstances(studyUID, seriesUID);
        if (listed.isEmpty()) {
            throw new PacsException(server + " has no instances of series " + seriesUID + " in study " + studyUID);
        }
        Set<String> expected = new LinkedHashSet<>();
        Set<String> classes = new LinkedHashSet<>();
        for (InstanceRecord r : listed) {
            expected.add(r.sopInstanceUID());
            if (r.sopClassUID() != null && Uids.isValid(r.sopClassUID())) {
                classes.add(r.sopClassUID());
            }
        }
        SeriesDownload d = SeriesDownload.of(out, seriesUID);
        if (d.isComplete(expected)) {
            progress.seriesStarted(seriesUID, expected.size(), expected.size());
            progress.seriesDone(seriesUID);
            return d.commitExisting();
        }
        try {
            Set<String> present = d.prepare();
            Set<String> missing = new LinkedHashSet<>(expected);
            missing.removeAll(present);
            progress.seriesStarted(seriesUID, expected.size(), expected.size() - missing.size());
            CGetRetrieval get = new CGetRetrieval(server, settings, classes.isEmpty() ? DimseMessages.COMMON_STORAGE
                    : List.copyOf(classes), d, progress);
            int transferred = present.isEmpty() ? get.series(studyUID, seriesUID)
                    : get.instances(studyUID, seriesUID, List.copyOf(missing));
            PullResult r = d.commit(expected, transferred);
            progress.seriesDone(seriesUID);
            return r;
        } catch (IOException | RuntimeException e) {
            d.cleanUpAfterFailure();
            throw e;
        }
    }

    @Override
    public PushResult push(List<Path> files, TransferProgress progress) throws IOException {
        return new CStoreSender(server, settings).store(files, progress);
    }

    @Override
    public void close() {
        // NB: every operation releases its own association
    }

    static int requireContext(Association a, String sopClass, String what) throws PacsException {
        int ctx = a.contextFor(sopClass);
        if (ctx < 0) {
            String why = a.whyNotAccepted(sopClass);
            a.abortQuietly();
            throw new PacsException(a.server() + ": " + what + " is not possible: the peer did not accept SOP class "
                    + sopClass + " (" + why + ")");
        }
        return ctx;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static void checkUid(String uid, String what) throws PacsException {
        if (!Uids.isValid(uid)) {
            throw new PacsException("not a valid " + what + ": '" + uid + "'");
        }
    }
}
