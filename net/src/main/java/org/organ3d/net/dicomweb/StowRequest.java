package org.organ3d.net.dicomweb;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.organ3d.io.dicom.Attributes;
import org.organ3d.io.dicom.DicomFile;
import org.organ3d.io.dicom.DicomParser;
import org.organ3d.io.dicom.Tag;
import org.organ3d.net.PacsException;
import org.organ3d.net.PacsServer;
import org.organ3d.net.PushResult;
import org.organ3d.net.TransferProgress;

/**
 * STOW-RS (PS3.18 §10.5): Part 10 files sent to {@code <base>/studies} as
 * {@code multipart/related; type="application/dicom"}, in batches of at most
 * {@value DicomWebClient#STOW_BATCH_FILES} files, each file streamed from disk (never whole in
 * memory). The answer's Referenced SOP Sequence lists what was stored, its Failed SOP Sequence what
 * was not, with the failure reason code.
 *
 * <p>Files that are not DICOM Part 10 files with a SOP Instance UID are listed as failed without
 * being sent. One use per push; one thread.
 */
final class StowRequest {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final DicomWebHttp http;
    private final PacsServer.DicomWeb server;

    StowRequest(DicomWebHttp http, PacsServer.DicomWeb server) {
        this.http = http;
        this.server = server;
    }

    PushResult store(List<Path> files, TransferProgress progress) throws IOException {
        List<String> stored = new ArrayList<>();
        List<PushResult.Failure> failed = new ArrayList<>();
        List<Path> batch = new ArrayList<>();
        Map<String, Path> bySop = new HashMap<>();
        long batchBytes = 0;
        progress.seriesStarted("push", files.size(), 0);
        for (Path f : files) {
            String sop;
            try {
                DicomFile df = DicomParser.readHeader(f);
                sop = df.dataset().getString(Tag.SOPInstanceUID);
                if (df.meta().size() == 0) {
                    failed.add(new PushResult.Failure(f, sop, "not a DICOM Part 10 file (no file meta information)"));
                    continue;
                }
                if (sop == null) {
                    failed.add(new PushResult.Failure(f, null, "no SOP Instance UID"));
                    continue;
                }
            } catch (FileNotFoundException | java.nio.file.NoSuchFileException e) {
                failed.add(new PushResult.Failure(f, null, "no such file"));
                continue;
            } catch (IOException e) {
                failed.add(new PushResult.Failure(f, null, "not readable as DICOM: " + e.getMessage()));
                continue;
            }
            long size = Files.size(f);
            if (!batch.isEmpty() && (batch.size() >= DicomWebClient.STOW_BATCH_FILES
                    || batchBytes + size > DicomWebClient.STOW_BATCH_BYTES)) {
                send(batch, bySop, stored, failed, progress);
                batch.clear();
                bySop.clear();
                batchBytes = 0;
            }
            batch.add(f);
            bySop.put(sop, f);
            batchBytes += size;
        }
        if (!batch.isEmpty()) {
            send(batch, bySop, stored, failed, progress);
        }
        progress.seriesDone("push");
        return new PushResult(stored, failed);
    }

    private void send(List<Path> batch, Map<String, Path> bySop, List<String> stored, List<PushResult.Failure> failed,
            TransferProgress progress) throws IOException {
        String boundary = "organ3d-" + Long.toHexString(RANDOM.nextLong()) + Long.toHexString(RANDOM.nextLong());
        List<HttpRequest.BodyPublisher> parts = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            String head = (i == 0 ? "" : "\r\n") + "--" + boundary + "\r\nContent-Type: application/dicom\r\n\r\n";
            parts.add(HttpRequest.BodyPublishers.ofByteArray(head.getBytes(StandardCharsets.US_ASCII)));
            parts.add(HttpRequest.BodyPublishers.ofFile(batch.get(i)));
        }
        parts.add(HttpRequest.BodyPublishers.ofByteArray(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII)));
        HttpRequest req = http.request(server.resolve("studies"))
                .header("Content-Type", "multipart/related; type=\"application/dicom\"; boundary=" + boundary)
                .header("Accept", "application/dicom+json")
                .POST(HttpRequest.BodyPublishers.concat(parts.toArray(HttpRequest.BodyPublisher[]::new)))
                .build();
        String what = "the store (STOW-RS) of " + batch.size() + " file(s)";
        HttpResponse<InputStream> r;
        try {
            r = http.send(req, what);
        } catch (PacsException e) {
            if (e.getMessage().contains("HTTP 409")) {
                // NB: 409 Conflict = none stored; the body (if any) was consumed for the message
                for (Path f : batch) {
                    failed.add(new PushResult.Failure(f, sopOf(bySop, f), "refused by the server: " + e.getMessage()));
                }
                return;
            }
            throw e;
        }
        String json = http.readText(r, what);
        Attributes answer;
        try {
            answer = json.isBlank() ? new Attributes() : DicomJson.parseObject(json);
        } catch (DicomJson.FormatException e) {
            throw new PacsException(what + " at " + server + ": the answer is not DICOM JSON (" + e.getMessage() + ")");
        }
        int before = stored.size();
        for (Attributes item : answer.getSequence(Tag.ReferencedSOPSequence)) {
            String sop = item.getString(Tag.ReferencedSOPInstanceUID);
            if (sop != null && bySop.containsKey(sop)) {
                stored.add(sop);
                progress.instanceDone(Files.size(bySop.get(sop)));
            }
        }
        List<String> reported = new ArrayList<>(stored.subList(before, stored.size()));
        for (Attributes item : answer.getSequence(Tag.FailedSOPSequence)) {
            String sop = item.getString(Tag.ReferencedSOPInstanceUID);
            int reason = item.getInt(Tag.FailureReason, -1);
            Path f = sop == null ? null : bySop.get(sop);
            if (f != null) {
                failed.add(new PushResult.Failure(f, sop, "refused by the server (failure reason "
                        + (reason < 0 ? "not given" : String.format("0x%04X", reason)) + ")"));
                reported.add(sop);
            }
        }
        for (Map.Entry<String, Path> e : bySop.entrySet()) {
            if (!reported.contains(e.getKey())) {
                failed.add(new PushResult.Failure(e.getValue(), e.getKey(),
                        "the server's answer (HTTP " + r.statusCode() + ") does not list this instance as stored"));
            }
        }
    }

    private static String sopOf(Map<String, Path> bySop, Path f) {
        for (Map.Entry<String, Path> e : bySop.entrySet()) {
            if (e.getValue().equals(f)) {
                return e.getKey();
            }
        }
        return null;
    }
}
