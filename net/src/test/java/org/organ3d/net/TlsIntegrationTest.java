package org.organ3d.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.organ3d.io.dicom.SeriesInfo;
import org.organ3d.testkit.ExternalTool;
import org.organ3d.testkit.OrthancServer;
import org.organ3d.testkit.Processes;
import org.organ3d.testkit.TlsProxy;

/**
 * DICOMweb over TLS: Orthanc behind a TLS terminator (socat/OpenSSL, as nginx would be in a
 * hospital) with a self-signed certificate for {@code localhost} made by openssl at test time: trusted through {@link PacsSettings#caFile()} it works (store and search);
 * without it the certificate is refused; under another name of the same machine (127.0.0.1, not in
 * the certificate) hostname verification refuses it; and a plain HTTP server is refused when
 * https:// was asked for. None of these leaks the password.
 */
class TlsIntegrationTest {

    static final String USER = "tls-user";
    static final String PASSWORD = "tls-secret-5521";

    @TempDir
    static Path tmp;

    static OrthancServer orthanc;
    static TlsProxy tls;
    static Path ca;

    @BeforeAll
    static void start() throws IOException {
        ExternalTool.requireAll(ExternalTool.ORTHANC, ExternalTool.OPENSSL, ExternalTool.SOCAT);
        Path key = tmp.resolve("key.pem");
        ca = tmp.resolve("cert.pem");
        Processes.run(List.of(ExternalTool.OPENSSL.command("openssl").toString(), "req", "-x509", "-newkey", "rsa:2048",
                "-nodes", "-keyout", key.toString(), "-out", ca.toString(), "-days", "2", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost"), tmp, Duration.ofSeconds(60)).assertOk("openssl req");
        Path pem = tmp.resolve("server.pem");
        Files.writeString(pem, Files.readString(ca) + Files.readString(key));
        orthanc = OrthancServer.start(tmp.resolve("orthanc"), new OrthancServer.Options(USER, PASSWORD, List.of()));
        tls = TlsProxy.start(pem, orthanc.httpPort(), tmp.resolve("socat.log"));
    }

    @AfterAll
    static void stop() {
        if (tls != null) {
            tls.close();
        }
        if (orthanc != null) {
            orthanc.close();
        }
    }

    static PacsSettings settings(Path caFile) {
        return PacsSettings.defaults().withCredentials(Credentials.basic(USER, PASSWORD, "the test")).withCaFile(caFile)
                .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(20));
    }

    @Test
    void trustedCertificateWorks() throws IOException {
        TestStudies.Series s = TestStudies.write(TestStudies.volume(8, 8, 2, 4), tmp.resolve("src"),
                SeriesInfo.ct("Tls^Pat", "PAT-T", "tls"));
        try (PacsClient c = PacsClient.open(PacsServer.parse(url("localhost")), settings(ca))) {
            PushResult r = c.push(s.files(), TransferProgress.NONE);
            assertEquals(2, r.stored().size(), r.toString());
            List<StudyRecord> found = c.findStudies(StudyQuery.all().withPatientId("PAT-T"));
            assertEquals(1, found.size());
            assertEquals(s.studyUID(), found.get(0).studyInstanceUID());
            PullResult p = c.pullSeries(s.studyUID(), s.seriesUID(), tmp.resolve("out"), TransferProgress.NONE);
            TestStudies.assertSameVolume(s.folder(), s.seriesUID(), p.folder());
        }
    }

    @Test
    void untrustedCertificateIsRefused() throws IOException {
        PacsException e = refused(url("localhost"), settings(null));
        assertTrue(e.getMessage().contains("not trusted"), e.getMessage());
    }

    @Test
    void certificateForAnotherNameIsRefused() throws IOException {
        PacsException e = refused(url("127.0.0.1"), settings(ca));
        assertTrue(e.getMessage().contains("hostname verification"), e.getMessage());
    }

    @Test
    void plainHttpIsRefusedWhenTlsWasAskedFor() throws IOException {
        PacsException e = refused("https://localhost:" + orthanc.httpPort() + "/dicom-web", settings(ca));
        assertTrue(e.getMessage().contains("did not answer in TLS"), e.getMessage());
    }

    static String url(String host) {
        return "https://" + host + ":" + tls.port() + "/dicom-web";
    }

    private static PacsException refused(String url, PacsSettings settings) throws IOException {
        try (PacsClient c = PacsClient.open(PacsServer.parse(url), settings)) {
            PacsException e = assertThrows(PacsException.class, () -> c.findStudies(StudyQuery.all()));
            assertTrue(!e.getMessage().contains(PASSWORD) && !String.valueOf(e.getCause()).contains(PASSWORD));
            return e;
        }
    }
}
