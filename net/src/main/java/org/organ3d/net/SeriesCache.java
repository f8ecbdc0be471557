package org.organ3d.net;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import org.organ3d.io.dicom.Uids;

/**
 * DICOMweb series URLs ({@code <base>/studies/<uid>/series/<uid>}) as inputs: the series is pulled
 * once into a local cache and read from there, so every reading command, the viewer and a cohort
 * job can take a URL where they take a folder.
 *
 * <p><b>Layout.</b> {@code <root>/<hash of the base URL>/<StudyInstanceUID>/<SeriesInstanceUID>/},
 * filled by {@link PacsClient#pullSeries} (so an interrupted fetch is resumed, never read half). The
 * root is {@value #ENV_CACHE} when set, else {@code $XDG_CACHE_HOME/organ3d/dicomweb}, else
 * {@code ~/.cache/organ3d/dicomweb}.
 *
 * <p><b>Freshness.</b> Each use asks the server for the series' instance list; a cached folder that
 * holds them all is used as is, otherwise only the missing instances are fetched. When the server
 * cannot be reached (but did not refuse the credentials), a complete cached copy is used and
 * {@link Fetched#offline()} says so. Processes that fetch the same series at once are serialized by
 * a file lock. Thread-safe.
 */
public final class SeriesCache {

    /** Environment variable naming the cache root. */
    public static final String ENV_CACHE = "ORGAN3D_CACHE";

    /**
     * A parsed series URL.
     *
     * @param server            the DICOMweb base
     * @param studyInstanceUID  the study
     * @param seriesInstanceUID the series
     */
    public record SeriesUrl(PacsServer.DicomWeb server, String studyInstanceUID, String seriesInstanceUID) {

        /** The URL as text. */
        @Override
        public String toString() {
            return server + "/studies/" + studyInstanceUID + "/series/" + seriesInstanceUID;
        }
    }

    /**
     * A series ready to read.
     *
     * @param folder            the complete series folder
     * @param seriesInstanceUID its series
     * @param transferred       instances fetched now (0 when the cache was complete)
     * @param offline           true when the server could not be asked and the cached copy was used
     */
    public record Fetched(Path folder, String seriesInstanceUID, int transferred, boolean offline) {
    }

    private final Path root;
    private final PacsSettings settings;

    /** A cache under {@code root}, talking to servers with {@code settings}. */
    public SeriesCache(Path root, PacsSettings settings) {
        this.root = root;
        this.settings = settings;
    }

    /** The default cache root for an environment (see the class comment). */
    public static Path defaultRoot(Map<String, String> env) {
        String explicit = env.get(ENV_CACHE);
        if (explicit != null && !explicit.isEmpty()) {
            return Path.of(explicit);
        }
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isEmpty()) {
            return Path.of(xdg, "organ3d", "dicomweb");
        }
        return Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".cache", "organ3d", "dicomweb");
    }

    /** True if {@code s} looks like an http(s) URL (then it must be a series URL to be an input). */
    public static boolean isUrl(String s) {
        String l = s.strip().toLowerCase(Locale.ROOT);
        return l.startsWith("http://") || l.startsWith("https://");
    }

    /**
     * Parses {@code <base>/studies/<uid>/series/<uid>} (a trailing slash allowed).
     *
     * @throws IllegalArgumentException saying what a series URL looks like
     */
    public static SeriesUrl parse(String url) {
        String s = url.strip();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        int st = s.lastIndexOf("/studies/");
        int se = s.lastIndexOf("/series/");
        if (st < 0 || se < st) {
            throw new IllegalArgumentException("a DICOMweb input is a series URL <base>/studies/<StudyInstanceUID>"
                    + "/series/<SeriesInstanceUID>");
        }
        String study = s.substring(st + "/studies/".length(), se);
        String series = s.substring(se + "/series/".length());
        if (!Uids.isValid(study) || !Uids.isValid(series)) {
            throw new IllegalArgumentException("the study and series in a DICOMweb series URL must be UIDs: " + study
                    + ", " + series);
        }
        PacsServer server = PacsServer.parse(s.substring(0, st));
        return new SeriesUrl((PacsServer.DicomWeb) server, study, series);
    }

    /** The folder that holds (or will hold) a series of {@code url}. */
    public Path folderOf(SeriesUrl url) {
        return studyFolder(url).resolve(url.seriesInstanceUID());
    }

    private Path studyFolder(SeriesUrl url) {
        return root.resolve(hash(url.server().base())).resolve(url.studyInstanceUID());
    }

    /** Makes the series of {@code url} complete in the cache and returns its folder. */
    public Fetched fetch(SeriesUrl url, TransferProgress progress) throws IOException {
        Path study = studyFolder(url);
        Files.createDirectories(study);
        Path lockFile = study.resolve(".lock-" + url.seriesInstanceUID());
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = ch.lock()) {
            Path complete = study.resolve(url.seriesInstanceUID());
            try (PacsClient c = PacsClient.open(url.server(), settings)) {
                PullResult r = c.pullSeries(url.studyInstanceUID(), url.seriesInstanceUID(), study, progress);
                return new Fetched(r.folder(), url.seriesInstanceUID(), r.transferred(), false);
            } catch (PacsAuthenticationException e) {
                throw e;
            } catch (PacsException e) {
                if (Files.isDirectory(complete) && isTransportFailure(e)) {
                    return new Fetched(complete, url.seriesInstanceUID(), 0, true);
                }
                throw e;
            }
        }
    }

    private static boolean isTransportFailure(PacsException e) {
        String m = e.getMessage();
        return m.contains("cannot connect") || m.contains("unknown host") || m.contains("no connection within")
                || m.contains("no answer within");
    }

    private static String hash(URI base) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(base.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
