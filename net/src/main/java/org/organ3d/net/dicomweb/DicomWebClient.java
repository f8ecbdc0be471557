package org.organ3d.net.dicomweb;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.organ3d.io.dicom.Attributes;
import org.organ3d.io.dicom.Uids;
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
 * A DICOMweb client (PS3.18): QIDO-RS searches for studies, series and instances (with paging),
 * WADO-RS retrieval of whole series and single instances as {@code multipart/related} streamed to
 * disk, and STOW-RS stores.
 *
 * <p><b>Transfer syntax.</b> A retrieve asks for the syntax the archive stores
 * ({@code transfer-syntax=*}: no transcoding, nothing lost). An instance that arrives in a syntax
 * organ3d cannot decode is fetched again as explicit VR little endian, which every server must
 * offer. A server that refuses {@code *} is asked without the parameter (its default, explicit VR
 * little endian).
 *
 * <p><b>Resume.</b> A series with nothing on disk yet comes in one request, while the instance list
 * is fetched alongside; an interrupted series is completed instance by instance, only the missing
 * ones, {@value #PARALLEL} requests at a time.
 *
 * <p>See {@link PacsClient} for the guarantees on files and errors, {@link DicomWebHttp} for
 * security. One thread at a time.
 */
public final class DicomWebClient implements PacsClient {

    private static final String DICOM_JSON = "application/dicom+json";
    private static final String NATIVE = "multipart/related; type=\"application/dicom\"; transfer-syntax=*";
    private static final String EXPLICIT_LE = "multipart/related; type=\"application/dicom\"; transfer-syntax="
            + TransferSyntaxes.NATIVE.get(0);
    private static final String DEFAULT_SYNTAX = "multipart/related; type=\"application/dicom\"";
    /** Studies, series or instances asked for per QIDO page. */
    static final int PAGE = 500;
    /** Instance requests in flight at once when completing an interrupted series. */
    static final int PARALLEL = 4;
    /** Files per STOW-RS request. */
    static final int STOW_BATCH_FILES = 64;
    /** Bytes per STOW-RS request (about; one file is never split). */
    static final long STOW_BATCH_BYTES = 256L << 20;

    private final DicomWebHttp http;
    private final PacsServer.DicomWeb server;
    private volatile String retrieveAccept = NATIVE;

    /** A client for {@code server}; nothing is sent yet. */
    public DicomWebClient(PacsServer.DicomWeb server, PacsSettings settings) throws PacsException {
        this.server = server;
        this.http = new DicomWebHttp(server, settings);
    }

    @Override
    public PacsServer server() {
        return server;
    }

    @Override
    public List<StudyRecord> findStudies(StudyQuery q) throws IOException {
        Map<String, String> params = new LinkedHashMap<>();
        put(params, "PatientID", q.patientId());
        put(params, "PatientName", q.patientName());
        put(params, "StudyDate", q.studyDate() == null ? null : q.studyDate().toDicom());
        put(params, "ModalitiesInStudy", q.modality());
        put(params, "AccessionNumber", q.accessionNumber());
        put(params, "StudyInstanceUID", q.studyInstanceUID());
        params.put("includefield", "00100020,00100010,00080020,00080050,00081030,00080061,00201206");
        List<Attributes> found = page("studies", params, q.limit(), "the study search");
        List<StudyRecord> studies = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Attributes a : found) {
            StudyRecord s = QueryResults.study(a, "the study search at " + server);
            if (seen.add(s.studyInstanceUID())) {
                List<SeriesRecord> series = findSeries(s.studyInstanceUID());
                studies.add(QueryResults.withSeriesModalities(s, series));
            }
        }
        return studies;
    }

    @Override
    public List<SeriesRecord> findSeries(String studyUID) throws IOException {
        checkUid(studyUID, "Study Instance UID");
        Map<String, String> params = new LinkedHashMap<>();
        params.put("includefield", "00080060,0020000E,00200011,0008103E,00201209");
        List<SeriesRecord> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Attributes a : page("studies/" + studyUID + "/series", params, Integer.MAX_VALUE, "the series search")) {
            SeriesRecord s = QueryResults.series(studyUID, a, "the series search at " + server);
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
        Map<String, String> params = new LinkedHashMap<>();
        params.put("includefield", "00080016,00080018");
        List<InstanceRecord> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String path = "studies/" + studyUID + "/series/" + seriesUID + "/instances";
        for (Attributes a : page(path, params, Integer.MAX_VALUE, "the instance search")) {
            InstanceRecord r = QueryResults.instance(a, "the instance search at " + server);
            if (seen.add(r.sopInstanceUID())) {
                out.add(r);
            }
        }
        return out;
    }

    /**
     * WADO-RS metadata of a series ({@code .../series/<uid>/metadata}): one dataset per instance,
     * without bulk data (pixel data and other large values are left empty; see {@link DicomJson}).
     */
    public List<Attributes> seriesMetadata(String studyUID, String seriesUID) throws IOException {
        checkUid(studyUID, "Study Instance UID");
        checkUid(seriesUID, "Series Instance UID");
        String what = "the metadata retrieval";
        String json = http.getText(server.resolve("studies/" + studyUID + "/series/" + seriesUID + "/metadata"),
                DICOM_JSON, what);
        try {
            return json.isBlank() ? List.of() : DicomJson.parseArray(json);
        } catch (DicomJson.FormatException e) {
            throw new PacsException(what + " at " + server + ": the answer is not DICOM JSON (" + e.getMessage() + ")");
        }
    }

    /** QIDO-RS with paging (limit/offset) until {@code max} results or a short page. */
    private List<Attributes> page(String path, Map<String, String> params, int max, String what) throws IOException {
        List<Attributes> all = new ArrayList<>();
        int offset = 0;
        while (all.size() < max) {
            int want = (int) Math.min(PAGE, (long) max - all.size());
            Map<String, String> p = new LinkedHashMap<>(params);
            p.put("limit", Integer.toString(want));
            p.put("offset", Integer.toString(offset));
            URI uri = server.resolve(path + "?" + query(p));
            String json = http.getText(uri, DICOM_JSON, what);
            List<Attributes> got;
            try {
                got = json.isBlank() ? List.of() : DicomJson.parseArray(json);
            } catch (DicomJson.FormatException e) {
                throw new PacsException(what + " at " + server + ": the answer is not DICOM JSON (" + e.getMessage() + ")");
            }
            all.addAll(got);
            // NB: a server that ignores limit answers everything at once: a page longer than asked ends paging
            if (got.size() != want) {
                break;
            }
            offset += got.size();
        }
        return all.size() > max ? all.subList(0, max) : all;
    }

    @Override
    public PullResult pullSeries(String studyUID, String seriesUID, Path out, TransferProgress progress)
            throws IOException {
        checkUid(studyUID, "Study Instance UID");
        checkUid(seriesUID, "Series Instance UID");
        SeriesDownload d = SeriesDownload.of(out, seriesUID);
        String base = "studies/" + studyUID + "/series/" + seriesUID;
        if (d.isFresh()) {
            return pullFresh(studyUID, seriesUID, base, d, progress);
        }
        Set<String> expected = expected(findInstances(studyUID, seriesUID), seriesUID, studyUID);
        if (d.isComplete(expected)) {
            progress.seriesStarted(seriesUID, expected.size(), expected.size());
            progress.seriesDone(seriesUID);
            return d.commitExisting();
        }
        int transferred = 0;
        try {
            Set<String> present = d.prepare();
            Set<String> missing = new LinkedHashSet<>(expected);
            missing.removeAll(present);
            progress.seriesStarted(seriesUID, expected.size(), expected.size() - missing.size());
            List<SeriesDownload.Arrival> arrivals = java.util.Collections.synchronizedList(new ArrayList<>());
            transferred += retrieveInstances(base, List.copyOf(missing), d, progress, arrivals);
            refetchUnreadable(d, arrivals, base, progress);
            PullResult r = d.commit(expected, transferred);
            progress.seriesDone(seriesUID);
            return r;
        } catch (IOException | RuntimeException e) {
            d.cleanUpAfterFailure();
            throw e;
        }
    }

    /**
     * A series with nothing on disk: the instance list (QIDO-RS) and the whole-series retrieval
     * (WADO-RS) run at once, and the list decides at the end whether the series is complete.
     */
    // NB: an archive may read every file to answer the instance search (Orthanc does, for the
    // default instance attributes: 0.4-1 s for 200 CT slices here), so waiting for it first would
    // add that to every pull; nothing is written before the retrieval's answer has been accepted.
    private PullResult pullFresh(String studyUID, String seriesUID, String base, SeriesDownload d,
            TransferProgress progress) throws IOException {
        ExecutorService listingThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "organ3d-qido");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<List<InstanceRecord>> listing = listingThread.submit(() -> findInstances(studyUID, seriesUID));
            progress.seriesStarted(seriesUID, -1, 0);
            List<SeriesDownload.Arrival> arrivals = new ArrayList<>();
            int transferred;
            try {
                transferred = retrieve(server.resolve(base), d, progress, "the series retrieval", arrivals);
            } catch (PacsException e) {
                // NB: a series the archive does not have is better said by the search than by a 404
                List<InstanceRecord> listed = null;
                try {
                    listed = await(listing, "instance search");
                } catch (IOException | RuntimeException ignored) {
                    // NB: the retrieval's own error is the one to report
                }
                if (listed != null && listed.isEmpty()) {
                    throw new PacsException(server + " has no instances of series " + seriesUID + " in study " + studyUID);
                }
                throw e;
            }
            Set<String> expected = expected(await(listing, "instance search"), seriesUID, studyUID);
            refetchUnreadable(d, arrivals, base, progress);
            PullResult r = d.commit(expected, transferred);
            progress.seriesDone(seriesUID);
            return r;
        } catch (IOException | RuntimeException e) {
            d.cleanUpAfterFailure();
            throw e;
        } finally {
            listingThread.shutdownNow();
        }
    }

    /** WADO-RS of single instances, {@value #PARALLEL} at a time; the first failure stops the rest. */
    private int retrieveInstances(String base, List<String> sops, SeriesDownload d, TransferProgress progress,
            List<SeriesDownload.Arrival> arrivals) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(PARALLEL, sops.size())), r -> {
            Thread t = new Thread(r, "organ3d-wado");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (String sop : sops) {
                futures.add(pool.submit(() -> retrieve(server.resolve(base + "/instances/" + sop), d, progress,
                        "the retrieval of instance " + sop, arrivals)));
            }
            int n = 0;
            for (Future<Integer> f : futures) {
                n += await(f, "instance retrieval");
            }
            return n;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The result of {@code f}; its failure as it was thrown, a checked one other than I/O as a PacsException. */
    private static <T> T await(Future<T> f, String what) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PacsException("interrupted while waiting for the " + what);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new PacsException("the " + what + " failed: " + e.getCause(), e.getCause());
        }
    }

    private Set<String> expected(List<InstanceRecord> listed, String seriesUID, String studyUID) throws PacsException {
        if (listed.isEmpty()) {
            throw new PacsException(server + " has no instances of series " + seriesUID + " in study " + studyUID);
        }
        Set<String> expected = new LinkedHashSet<>();
        listed.forEach(r -> expected.add(r.sopInstanceUID()));
        return expected;
    }

    /**
     * Streams a WADO-RS multipart answer to disk, one instance file per part, adding what arrived to
     * {@code arrivals}; returns the count.
     */
    private int retrieve(URI uri, SeriesDownload d, TransferProgress progress, String what,
            List<SeriesDownload.Arrival> arrivals) throws IOException {
        return retrieve(uri, d, progress, what, retrieveAccept, true, arrivals);
    }

    private int retrieve(URI uri, SeriesDownload d, TransferProgress progress, String what, String accept,
            boolean mayRetryDefault, List<SeriesDownload.Arrival> arrivals) throws IOException {
        HttpResponse<InputStream> r;
        try {
            r = http.send(http.request(uri).header("Accept", accept).GET().build(), what);
        } catch (PacsException e) {
            if (mayRetryDefault && accept.equals(NATIVE) && (e.getMessage().contains("HTTP 406")
                    || e.getMessage().contains("HTTP 400"))) {
                // NB: some servers refuse transfer-syntax=*; ask for their default (explicit VR LE) instead
                retrieveAccept = DEFAULT_SYNTAX;
                return retrieve(uri, d, progress, what, DEFAULT_SYNTAX, false, arrivals);
            }
            throw e;
        }
        String source = what + " at " + server;
        String ct = r.headers().firstValue("Content-Type").orElse("");
        MediaType type;
        try {
            type = MediaType.parse(ct);
        } catch (IllegalArgumentException e) {
            r.body().close();
            throw new PacsException(source + ": the answer's Content-Type '" + ct + "' is not a media type");
        }
        if (!type.is("multipart/related") || type.parameter("boundary") == null) {
            r.body().close();
            throw new PacsException(source + ": expected a multipart/related answer with a boundary, got '" + ct + "'");
        }
        if (!d.isPrepared()) {
            // NB: the first folder is made only now that the server has accepted the request
            d.prepare();
        }
        int n = 0;
        try (MultipartReader parts = new MultipartReader(r.body(), type.parameter("boundary"), source)) {
            MultipartReader.Part part;
            while ((part = parts.next()) != null) {
                String pt = part.contentType();
                if (pt != null && !MediaType.parse(pt).is("application/dicom")) {
                    throw new PacsException(source + ": a part is '" + pt + "', not application/dicom");
                }
                Path tmp = d.newIncoming();
                long bytes;
                try (OutputStream os = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    bytes = part.body().transferTo(os);
                } catch (IOException e) {
                    Files.deleteIfExists(tmp);
                    throw e;
                }
                arrivals.add(d.accept(tmp, source));
                n++;
                progress.instanceDone(bytes);
            }
        } catch (IllegalArgumentException e) {
            throw new PacsException(source + ": malformed part header (" + e.getMessage() + ")");
        }
        return n;
    }

    /** Fetches again, as explicit VR little endian, the instances that arrived in a syntax we cannot read. */
    private int refetchUnreadable(SeriesDownload d, List<SeriesDownload.Arrival> arrivals, String base,
            TransferProgress progress) throws IOException {
        int n = 0;
        for (SeriesDownload.Arrival a : arrivals) {
            if (TransferSyntaxes.readable(a.transferSyntaxUID())) {
                continue;
            }
            String sop = a.sopInstanceUID();
            List<SeriesDownload.Arrival> again = new ArrayList<>();
            retrieve(server.resolve(base + "/instances/" + sop), d, progress, "the retrieval of instance " + sop
                    + " as explicit VR little endian (it is stored as " + a.transferSyntaxUID() + ")", EXPLICIT_LE, false,
                    again);
            if (again.size() != 1 || !TransferSyntaxes.readable(again.get(0).transferSyntaxUID())) {
                throw new PacsException(server + " did not send instance " + sop
                        + " in a transfer syntax organ3d reads, even when asked for explicit VR little endian");
            }
            n++;
        }
        return n;
    }

    @Override
    public PushResult push(List<Path> files, TransferProgress progress) throws IOException {
        return new StowRequest(http, server).store(files, progress);
    }

    @Override
    public void close() {
        // NB: the JDK's HttpClient in Java 17 has no close(); its connections are released when unreachable
    }

    private static void put(Map<String, String> m, String k, String v) {
        if (v != null) {
            m.put(k, v);
        }
    }

    private static String query(Map<String, String> params) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (b.length() > 0) {
                b.append('&');
            }
            b.append(e.getKey()).append('=').append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
        }
        return b.toString();
    }

    static void checkUid(String uid, String what) throws PacsException {
        if (!Uids.isValid(uid)) {
            throw new PacsException("not a valid " + what + ": '" + uid + "'");
        }
    }
}
