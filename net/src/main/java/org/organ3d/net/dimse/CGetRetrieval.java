package org.organ3d.net.dimse;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.organ3d.io.dicom.Attributes;
import org.organ3d.io.dicom.DicomWriter;
import org.organ3d.io.dicom.Tag;
import org.organ3d.io.dicom.TransferSyntax;
import org.organ3d.io.dicom.VR;
import org.organ3d.net.PacsException;
import org.organ3d.net.PacsServer;
import org.organ3d.net.PacsSettings;
import org.organ3d.net.SeriesDownload;
import org.organ3d.net.TransferProgress;
import org.organ3d.net.TransferSyntaxes;

/**
 * A C-GET (PS3.4 §C.4.3) of a series or of some of its instances: the archive sends each instance
 * as a C-STORE sub-operation on the same association, which is answered after the dataset has been
 * streamed into a file of the {@link SeriesDownload} (Part 10 header made from the C-STORE command
 * and the presentation context's transfer syntax, then the dataset bytes as they arrive).
 *
 * <p><b>Presentation contexts.</b> The GET model, and for each storage SOP class of the series
 * (from the instance C-FIND) one context with the uncompressed syntaxes plus one per compressed
 * syntax organ3d decodes, so that the archive can send what it stores without transcoding; with the
 * SCP role offered for each class (role selection, PS3.7 §D.3.3.4). When that would exceed 128
 * contexts, one context per class with every syntax is proposed instead.
 *
 * <p>One use per retrieval; one thread.
 */
final class CGetRetrieval {

    /** SOP Instance UIDs per C-GET at the IMAGE level (the UID list stays under 64 KiB). */
    static final int UIDS_PER_REQUEST = 500;

    private final PacsServer.Dimse server;
    private final PacsSettings settings;
    private final List<String> storageClasses;
    private final SeriesDownload download;
    private final TransferProgress progress;

    CGetRetrieval(PacsServer.Dimse server, PacsSettings settings, List<String> storageClasses, SeriesDownload download,
            TransferProgress progress) {
        this.server = server;
        this.settings = settings;
        this.storageClasses = storageClasses;
        this.download = download;
        this.progress = progress;
    }

    /** Retrieves the whole series; returns the instances stored. */
    int series(String studyUID, String seriesUID) throws IOException {
        Attributes keys = new Attributes();
        keys.setString(Tag.QueryRetrieveLevel, VR.CS, "SERIES");
        keys.setString(Tag.StudyInstanceUID, VR.UI, studyUID);
        keys.setString(Tag.SeriesInstanceUID, VR.UI, seriesUID);
        return get(keys);
    }

    /** Retrieves the listed instances of a series; returns the instances stored. */
    int instances(String studyUID, String seriesUID, List<String> sopUIDs) throws IOException {
        int n = 0;
        for (int i = 0; i < sopUIDs.size(); i += UIDS_PER_REQUEST) {
            List<String> part = sopUIDs.subList(i, Math.min(sopUIDs.size(), i + UIDS_PER_REQUEST));
            Attributes keys = new Attributes();
            keys.setString(Tag.QueryRetrieveLevel, VR.CS, "IMAGE");
            keys.setString(Tag.StudyInstanceUID, VR.UI, studyUID);
            keys.setString(Tag.SeriesInstanceUID, VR.UI, seriesUID);
            keys.setString(Tag.SOPInstanceUID, VR.UI, part.toArray(String[]::new));
            n += get(keys);
        }
        return n;
    }

    /** The contexts to propose: GET first (id 1), then the storage classes. */
    List<PresentationContext> contexts() {
        List<PresentationContext> pcs = new ArrayList<>();
        pcs.add(new PresentationContext(1, DimseMessages.STUDY_ROOT_GET, TransferSyntaxes.NATIVE));
        int perClass = 1 + TransferSyntaxes.COMPRESSED.size();
        boolean split = 1 + storageClasses.size() * perClass <= 128;
        int id = 3;
        for (String cls : storageClasses) {
            if (id > 255) {
                break;
            }
            if (split) {
                pcs.add(new PresentationContext(id, cls, TransferSyntaxes.NATIVE));
                id += 2;
                for (String ts : TransferSyntaxes.COMPRESSED) {
                    pcs.add(new PresentationContext(id, cls, List.of(ts)));
                    id += 2;
                }
            } else {
                List<String> all = new ArrayList<>(TransferSyntaxes.NATIVE);
                all.addAll(TransferSyntaxes.COMPRESSED);
                pcs.add(new PresentationContext(id, cls, all));
                id += 2;
            }
        }
        return pcs;
    }

    private int get(Attributes keys) throws IOException {
        int stored = 0;
        try (Association a = Association.open(server, settings, contexts(), storageClasses)) {
            int ctx = DimseClient.requireContext(a, DimseMessages.STUDY_ROOT_GET, "C-GET");
            TransferSyntax ts = TransferSyntax.of(a.transferSyntax(ctx));
            int id = a.nextMessageId();
            a.sendCommand(ctx, DimseMessages.get(DimseMessages.STUDY_ROOT_GET, id));
            a.sendDataset(ctx, new ByteArrayInputStream(DicomWriter.encodeDataset(keys, ts)));
            while (true) {
                Association.Command c = a.readCommand();
                Attributes cmd = c.command();
                int field = cmd.getInt(Tag.CommandField, -1);
                if (field == DimseMessages.C_STORE_RQ) {
                    storeOne(a, c);
                    stored++;
                    continue;
                }
                if (field != DimseMessages.C_GET_RSP) {
                    a.abortQuietly();
                    throw new PacsException(server + ": C-GET: unexpected command 0x" + Integer.toHexString(field));
                }
                if (DimseMessages.hasDataset(cmd)) {
                    a.readDataset(c.contextId(), DimseClient.MAX_IDENTIFIER);
                }
                int status = DimseMessages.status(cmd);
                if (DimseMessages.isPending(status)) {
                    continue;
                }
                int failed = cmd.getInt(Tag.NumberOfFailedSuboperations, 0);
                if (status != DimseMessages.SUCCESS && !DimseMessages.isWarning(status)) {
                    throw new PacsException(server + ": C-GET failed: " + DimseMessages.describe(status, cmd)
                            + (failed > 0 ? "; " + failed + " sub-operation(s) failed" : ""));
                }
                // NB: with failed sub-operations (warning 0xB000) the download's commit names what is missing
                break;
            }
            a.release();
        }
        return stored;
    }

    /** Receives one C-STORE sub-operation into the download and answers it. */
    private void storeOne(Association a, Association.Command c) throws IOException {
        Attributes rq = c.command();
        int ctx = c.contextId();
        String ts = a.transferSyntax(ctx);
        String sopClass = rq.getString(Tag.AffectedSOPClassUID);
        String sop = rq.getString(Tag.AffectedSOPInstanceUID);
        if (ts == null || sopClass == null || sop == null || !DimseMessages.hasDataset(rq)) {
            a.abortQuietly();
            throw new PacsException(server + ": C-GET: a C-STORE sub-operation without SOP class, instance, dataset "
                    + "or an accepted presentation context");
        }
        Path tmp = download.newIncoming();
        long bytes;
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), 1 << 16)) {
            DicomWriter.writeFileHeader(os, sopClass, sop, ts);
            bytes = a.readDataset(ctx, os);
        } catch (PacsException e) {
            Files.deleteIfExists(tmp);
            throw e;
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            a.sendCommand(ctx, DimseMessages.storeResponse(rq, DimseMessages.OUT_OF_RESOURCES));
            throw new PacsException("cannot write " + tmp + " (" + e.getMessage() + ")", e);
        }
        try {
            download.accept(tmp, server + " (C-GET)");
        } catch (PacsException e) {
            a.sendCommand(ctx, DimseMessages.storeResponse(rq, DimseMessages.CANNOT_UNDERSTAND));
            throw e;
        }
        a.sendCommand(ctx, DimseMessages.storeResponse(rq, DimseMessages.SUCCESS));
        progress.instanceDone(bytes);
    }
}
