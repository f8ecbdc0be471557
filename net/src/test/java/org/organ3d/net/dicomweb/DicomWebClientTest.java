package org.organ3d.net.dicomweb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.organ3d.io.dicom.Attributes;
import org.organ3d.io.dicom.DicomParser;
import org.organ3d.io.dicom.DicomWriter;
import org.organ3d.io.dicom.Tag;
import org.organ3d.io.dicom.TransferSyntax;
import org.organ3d.net.Credentials;
import org.organ3d.net.PacsAuthenticationException;
import org.organ3d.net.PacsException;
import org.organ3d.net.PacsServer;
import org.organ3d.net.PacsSettings;
import org.organ3d.net.PullResult;
import org.organ3d.net.SeriesDownload;
import org.organ3d.net.TransferProgress;

/**
 * The DICOMweb client against a scripted HTTP server for what a well-behaved Orthanc never does:
 * paging with and without honoured limits, a refused {@code transfer-syntax=*}, an instance in a
 * syntax organ3d cannot decode, redirects, a body that stalls, refused credentials.
 */
class DicomWebClientTest {

    static final String STUDY = "1.2.3";
    static final String SERIES = "1.2.3.4";
    static final String SECRET = "pw-never-shown-77";

    @TempDir
    Path tmp;

    HttpServer http;
    final List<String> requests = new CopyOnWriteArrayList<>();
    final List<String> accepts = new CopyOnWriteArrayList<>();
    volatile Handler handler;

    interface Handler {
        void handle(HttpExchange x) throws IOException;
    }

    @BeforeEach
    void start() throws IOException {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/", x -> {
            requests.add(x.getRequestURI().toString());
            accepts.add(String.valueOf(x.getRequestHeaders().getFirst("Accept")));
            try {
                handler.handle(x);
            } finally {
                x.close();
            }
        });
        http.start();
    }

    @AfterEach
    void stop() {
        http.stop(0);
    }

    DicomWebClient client(PacsSettings s) throws PacsException {
        return new DicomWebClient((PacsServer.DicomWeb) PacsServer.parse("http://127.0.0.1:" + http.getAddress().getPort()
                + "/dicom-web"), s);
    }

    static PacsSettings settings() {
        return PacsSettings.defaults().withCredentials(Credentials.basic("u", SECRET, "the test"))
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(1));
    }

    static void reply(HttpExchange x, int status, String type, byte[] body) throws IOException {
        if (type != null) {
            x.getResponseHeaders().add("Content-Type", type);
        }
        x.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream o = x.getResponseBody()) {
                o.write(body);
            }
        }
    }

    static String instancesJson(int from, int to) {
        StringBuilder b = new StringBuilder("[");
        for (int i = from; i < to; i++) {
            b.append(i == from ? "" : ",").append("{\"00080018\":{\"vr\":\"UI\",\"Value\":[\"1.2.3.4.").append(i + 1)
                    .append("\"]},\"00080016\":{\"vr\":\"UI\",\"Value\":[\"1.2.840.10008.5.1.4.1.1.2\"]}}");
        }
        return b.append("]").toString();
    }

    static Map<String, String> query(String uri) {
        Map<String, String> m = new java.util.HashMap<>();
        int q = uri.indexOf('?');
        if (q >= 0) {
            for (String kv : uri.substring(q + 1).split("&")) {
                String[] p = kv.split("=", 2);
                m.put(p[0], p.length > 1 ? java.net.URLDecoder.decode(p[1], StandardCharsets.UTF_8) : "");
            }
        }
        return m;
    }

    @Test
    void qidoPagesThroughLimitAndOffset() throws IOException {
        handler = x -> {
            Map<String, String> q = query(x.getRequestURI().toString());
            int limit = Integer.parseInt(q.get("limit"));
            int offset = Integer.parseInt(q.get("offset"));
            reply(x, 200, "application/dicom+json", instancesJson(offset, Math.min(1203, offset + limit)).getBytes());
        };
        assertEquals(1203, client(settings()).findInstances(STUDY, SERIES).size());
        assertEquals(List.of("0", "500", "1000"), requests.stream().map(r -> query(r).get("offset")).toList());
    }

    @Test
    void serverThatIgnoresLimitAnswersOnce() throws IOException {
        handler = x -> reply(x, 200, "application/dicom+json", instancesJson(0, 1203).getBytes());
        assertEquals(1203, client(settings()).findInstances(STUDY, SERIES).size());
        assertEquals(1, requests.size());
        handler = x -> reply(x, 204, null, new byte[0]);
        assertEquals(0, client(settings()).findInstances(STUDY, SERIES).size(), "204 No Content is no match");
    }

    /** A Part 10 instance of the series with the given transfer syntax in its meta group. */
    static byte[] instance(String sop, String ts) throws IOException {
        Attributes ds = new Attributes();
        ds.setString(Tag.SOPClassUID, org.organ3d.io.dicom.VR.UI, "1.2.840.10008.5.1.4.1.1.2");
        ds.setString(Tag.SOPInstanceUID, org.organ3d.io.dicom.VR.UI, sop);
        ds.setString(Tag.StudyInstanceUID, org.organ3d.io.dicom.VR.UI, STUDY);
        ds.setString(Tag.SeriesInstanceUID, org.organ3d.io.dicom.VR.UI, SERIES);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DicomWriter.writeFileHeader(b, "1.2.840.10008.5.1.4.1.1.2", sop, ts);
        DicomWriter.writeDataset(b, ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        return b.toByteArray();
    }

    static byte[] multipart(String boundary, byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(("--" + boundary + "\r\nContent-Type: application/dicom\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            b.writeBytes(p);
            b.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        b.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return b.toByteArray();
    }

    @Test
    void refusedNativeSyntaxAndUndecodableSyntaxAreAskedAgain() throws IOException {
        String mpeg2 = "1.2.840.10008.1.2.4.100";
        handler = x -> {
            String uri = x.getRequestURI().toString();
            String accept = x.getRequestHeaders().getFirst("Accept");
            if (uri.contains("/instances?")) {
                reply(x, 200, "application/dicom+json", instancesJson(0, 2).getBytes());
            } else if (accept.contains("transfer-syntax=*")) {
                reply(x, 406, "text/plain", "not acceptable".getBytes());
            } else if (uri.endsWith("/series/" + SERIES)) {
                reply(x, 200, "multipart/related; type=\"application/dicom\"; boundary=XyZ",
                        multipart("XyZ", instance("1.2.3.4.1", "1.2.840.10008.1.2.1"), instance("1.2.3.4.2", mpeg2)));
            } else if (uri.endsWith("/instances/1.2.3.4.2") && accept.contains("transfer-syntax=1.2.840.10008.1.2.1")) {
                reply(x, 200, "multipart/related; boundary=\"b b\"; type=\"application/dicom\"",
                        multipart("b b", instance("1.2.3.4.2", "1.2.840.10008.1.2.1")));
            } else {
                reply(x, 404, "text/plain", new byte[0]);
            }
        };
        PullResult r = client(settings()).pullSeries(STUDY, SERIES, tmp.resolve("out"), TransferProgress.NONE);
        assertEquals(2, r.instances());
        for (String sop : List.of("1.2.3.4.1", "1.2.3.4.2")) {
            assertEquals("1.2.840.10008.1.2.1", DicomParser.readHeader(r.folder().resolve(sop + ".dcm")).transferSyntax().uid());
        }
        assertTrue(accepts.stream().anyMatch(a -> a.contains("transfer-syntax=*")), accepts.toString());
    }

    @Test
    void aConnectionClosedBeforeTheAnswerIsTriedOnceMore() throws IOException {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        handler = x -> {
            if (calls.incrementAndGet() == 1) {
                return;
            }
            reply(x, 200, "application/dicom+json", instancesJson(0, 2).getBytes());
        };
        assertEquals(2, client(settings()).findInstances(STUDY, SERIES).size());
        assertEquals(2, calls.get());
        handler = x -> calls.incrementAndGet();
        PacsException e = assertThrows(PacsException.class, () -> client(settings()).findInstances(STUDY, SERIES));
        // NB: our one retry, each of which the JDK client may repeat once itself for a GET
        assertTrue(calls.get() >= 4 && calls.get() <= 6, "a bounded number of tries: " + (calls.get() - 2));
        assertTrue(e.getMessage().contains("the instance search at http://127.0.0.1"), e.getMessage());
    }

    @Test
    void redirectsAreNotFollowed() throws IOException {
        handler = x -> {
            x.getResponseHeaders().add("Location", "http://elsewhere.example/dicom-web/studies");
            reply(x, 302, null, new byte[0]);
        };
        PacsException e = assertThrows(PacsException.class, () -> client(settings()).findInstances(STUDY, SERIES));
        assertTrue(e.getMessage().contains("redirects (HTTP 302) to http://elsewhere.example/dicom-web/studies"), e.getMessage());
        assertEquals(1, requests.size());
    }

    @Test
    void stalledBodyGivesUpAfterTheIdleTimeoutAndLeavesNoSeries() throws IOException {
        handler = x -> {
            String uri = x.getRequestURI().toString();
            if (uri.contains("/instances?")) {
                reply(x, 200, "application/dicom+json", instancesJson(0, 3).getBytes());
                return;
            }
            x.getResponseHeaders().add("Content-Type", "multipart/related; type=\"application/dicom\"; boundary=B");
            x.sendResponseHeaders(200, 0);
            OutputStream o = x.getResponseBody();
            byte[] two = multipart("B", instance("1.2.3.4.1", "1.2.840.10008.1.2.1"),
                    instance("1.2.3.4.2", "1.2.840.10008.1.2.1"));
            // the first part whole, the second cut short
            o.write(two, 0, two.length - 40);
            o.flush();
            try {
                Thread.sleep(2500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        long t0 = System.nanoTime();
        Path out = tmp.resolve("out");
        PacsException e = assertThrows(PacsException.class,
                () -> client(settings()).pullSeries(STUDY, SERIES, out, TransferProgress.NONE));
        assertTrue(e.getMessage().contains("sent nothing for 1 s"), e.getMessage());
        assertTrue(System.nanoTime() - t0 < 2_400_000_000L, "gave up before the server resumed");
        assertFalse(Files.exists(out.resolve(SERIES)));
        assertTrue(Files.isRegularFile(out.resolve(SeriesDownload.PARTIAL_PREFIX + SERIES).resolve("1.2.3.4.1.dcm")),
                "the instance that arrived whole is kept for a rerun");
    }

    @Test
    void refusedCredentialsAreAnAuthenticationErrorWithoutTheSecret() throws IOException {
        handler = x -> reply(x, 401, "text/plain", ("bad login for u:" + SECRET).getBytes());
        PacsAuthenticationException e = assertThrows(PacsAuthenticationException.class,
                () -> client(settings()).findInstances(STUDY, SERIES));
        assertTrue(e.getMessage().contains("refused HTTP basic credentials from the test (HTTP 401"), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET));
        handler = x -> reply(x, 500, "text/plain", ("server error echoing u:" + SECRET).getBytes());
        PacsException e2 = assertThrows(PacsException.class, () -> client(settings()).findInstances(STUDY, SERIES));
        assertTrue(e2.getMessage().contains("HTTP 500") && e2.getMessage().contains("<redacted>"), e2.getMessage());
        assertFalse(e2.getMessage().contains(SECRET), e2.getMessage());
        PacsAuthenticationException none = assertThrows(PacsAuthenticationException.class,
                () -> { handler = x -> reply(x, 401, null, new byte[0]);
                    client(PacsSettings.defaults()).findInstances(STUDY, SERIES); });
        assertTrue(none.getMessage().contains("ORGAN3D_PACS_USER"), none.getMessage());
    }

    @Test
    void credentialsAreNotSentOverPlainHttpToOtherMachines() {
        PacsException e = assertThrows(PacsException.class, () -> new DicomWebClient(
                (PacsServer.DicomWeb) PacsServer.parse("http://192.0.2.10/dicom-web"), settings()));
        assertTrue(e.getMessage().contains("use https://"), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET));
    }
}
