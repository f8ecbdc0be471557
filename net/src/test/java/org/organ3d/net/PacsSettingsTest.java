package org.organ3d.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where credentials come from, which config files are refused, and that no message shows a secret. */
class PacsSettingsTest {

    static final String SECRET = "S3cret-Value-8812";

    @TempDir
    Path tmp;

    Path config(String text, String perms) throws IOException {
        Path f = tmp.resolve("pacs.properties");
        Files.writeString(f, text);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(perms));
        return f;
    }

    Map<String, String> env(String... kv) {
        Map<String, String> m = new HashMap<>();
        m.put("HOME", tmp.resolve("home").toString());
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void environmentGivesBasicOrBearer() throws PacsException {
        PacsSettings s = PacsSettings.fromEnvironment(env("ORGAN3D_PACS_USER", "alice", "ORGAN3D_PACS_PASSWORD", SECRET));
        assertEquals(Credentials.Kind.BASIC, s.credentials().kind());
        assertEquals("Basic " + java.util.Base64.getEncoder().encodeToString(("alice:" + SECRET).getBytes()),
                s.credentials().authorizationHeader().orElseThrow());
        assertFalse(s.credentials().toString().contains(SECRET) || s.credentials().toString().contains("alice"));
        PacsSettings t = PacsSettings.fromEnvironment(env("ORGAN3D_PACS_TOKEN", SECRET));
        assertEquals("Bearer " + SECRET, t.credentials().authorizationHeader().orElseThrow());
        assertEquals(Credentials.Kind.NONE, PacsSettings.fromEnvironment(env()).credentials().kind());
    }

    @Test
    void contradictionsAndHalvesAreErrorsWithoutValues() {
        for (Map<String, String> e : List.of(env("ORGAN3D_PACS_USER", "alice"), env("ORGAN3D_PACS_PASSWORD", SECRET),
                env("ORGAN3D_PACS_TOKEN", SECRET, "ORGAN3D_PACS_USER", "bob", "ORGAN3D_PACS_PASSWORD", SECRET),
                env("ORGAN3D_PACS_TOKEN", "has space " + SECRET), env("ORGAN3D_PACS_CA", "/no/such/ca.pem"))) {
            PacsException x = assertThrows(PacsException.class, () -> PacsSettings.fromEnvironment(e), e.toString());
            assertFalse(x.getMessage().contains(SECRET), x.getMessage());
        }
    }

    @Test
    void configFileMustBeOwnerOnly() throws IOException {
        Path f = config("user=carol\npassword=" + SECRET + "\n", "rw-r--r--");
        PacsException e = assertThrows(PacsException.class,
                () -> PacsSettings.fromEnvironment(env("ORGAN3D_PACS_CONFIG", f.toString())));
        assertTrue(e.getMessage().contains("chmod 600") && !e.getMessage().contains(SECRET), e.getMessage());
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        PacsSettings s = PacsSettings.fromEnvironment(env("ORGAN3D_PACS_CONFIG", f.toString()));
        assertEquals(Credentials.Kind.BASIC, s.credentials().kind());
        assertTrue(s.credentials().describe().contains(f.toString()));
        PacsSettings over = PacsSettings.fromEnvironment(env("ORGAN3D_PACS_CONFIG", f.toString(), "ORGAN3D_PACS_PASSWORD", "other"));
        assertEquals("Basic " + java.util.Base64.getEncoder().encodeToString("carol:other".getBytes()),
                over.credentials().authorizationHeader().orElseThrow(), "the environment wins key by key");
    }

    @Test
    void defaultConfigLocationAndUnknownKeys() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("xdg/organ3d"));
        Path f = dir.resolve("pacs.properties");
        Files.writeString(f, "token=" + SECRET + "\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("r--------"));
        assertEquals(Credentials.Kind.BEARER,
                PacsSettings.fromEnvironment(env("XDG_CONFIG_HOME", tmp.resolve("xdg").toString())).credentials().kind());
        Path bad = config("passwd=" + SECRET + "\n", "rw-------");
        PacsException e = assertThrows(PacsException.class,
                () -> PacsSettings.fromEnvironment(env("ORGAN3D_PACS_CONFIG", bad.toString())));
        assertTrue(e.getMessage().contains("unknown key 'passwd'") && !e.getMessage().contains(SECRET), e.getMessage());
        assertThrows(PacsException.class, () -> PacsSettings.fromEnvironment(env("ORGAN3D_PACS_CONFIG", "/no/such/file")));
    }

    @Test
    void scrubRemovesSecretsFromServerText() {
        Credentials c = Credentials.basic("alice", SECRET, "t");
        String header = c.authorizationHeader().orElseThrow().substring("Basic ".length());
        assertEquals("echo <redacted> and <redacted>", c.scrub("echo " + SECRET + " and " + header));
        assertEquals("x", Credentials.none().scrub("x"));
    }

    @Test
    void serverAddressesParse() {
        PacsServer.DicomWeb w = (PacsServer.DicomWeb) PacsServer.parse("https://pacs.example.org:8443/dicom-web/");
        assertEquals("https://pacs.example.org:8443/dicom-web", w.toString());
        assertTrue(w.tls());
        PacsServer.Dimse d = (PacsServer.Dimse) PacsServer.parse("dicom://ORTHANC@10.0.0.5:4242");
        assertEquals("ORTHANC", d.calledAet());
        assertEquals("10.0.0.5", d.host());
        assertEquals(4242, d.port());
        assertEquals(104, ((PacsServer.Dimse) PacsServer.parse("dicom://A@h")).port());
        assertEquals("::1", ((PacsServer.Dimse) PacsServer.parse("dicom://A@[::1]:11112")).host());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PacsServer.parse("https://alice:" + SECRET + "@pacs/dicom-web"));
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
        assertTrue(e.getMessage().contains("credentials in the URL are refused"), e.getMessage());
        for (String bad : List.of("ftp://x", "dicom://@host:1", "dicom://host:1", "dicom://A@h:notaport", "dicom://A@h:0",
                "dicom://WAY-TOO-LONG-AE-TITLE@h:1", "https://h/x?y=1", "pacs")) {
            assertThrows(IllegalArgumentException.class, () -> PacsServer.parse(bad), bad);
        }
    }

    @Test
    void dateRangesAndQueries() {
        assertEquals("20240101", DateRange.parse("20240101").toDicom());
        assertEquals("20240101-20240131", DateRange.parse("20240101-20240131").toDicom());
        assertEquals("-20240131", DateRange.parse("-20240131").toDicom());
        assertEquals("20240101-", DateRange.parse("20240101-").toDicom());
        for (String bad : List.of("2024", "20241301", "20240131-20240101", "-", "abc")) {
            assertThrows(IllegalArgumentException.class, () -> DateRange.parse(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> StudyQuery.all().withPatientId("a\\b"));
        assertThrows(IllegalArgumentException.class, () -> StudyQuery.all().withLimit(0));
    }
}
