package org.organ3d.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.organ3d.io.dicom.Attributes;
import org.organ3d.io.dicom.DicomFile;
import org.organ3d.io.dicom.DicomParser;
import org.organ3d.io.dicom.Tag;
import org.organ3d.io.dicom.Uids;

/**
 * The folder a series is pulled into, so that an interrupted pull never leaves half a series that
 * later looks complete, and a rerun resumes where it stopped.
 *
 * <p><b>Layout.</b> Instances arrive in the hidden folder {@code <out>/.organ3d-partial-<series>/},
 * each first as a hidden temporary file, then renamed to {@code <SOPInstanceUID>.dcm} once it is
 * complete and its header names the expected series. When every instance the server listed is
 * there, the folder is renamed to {@code <out>/<SeriesInstanceUID>/} in one step. organ3d's folder
 * reader skips hidden files and folders, so a partial folder is never read as a series.
 *
 * <p><b>Resume.</b> A rerun finds the partial folder and skips the instances in it (by SOP Instance
 * UID, from the file names; files whose header does not parse are removed first). A complete folder
 * that lacks instances the server now lists is renamed back to partial and completed.
 *
 * <p>{@link #accept} may be called from several threads; the other methods from one.
 */
public final class SeriesDownload {

    /** Prefix of the hidden partial folder. */
    public static final String PARTIAL_PREFIX = ".organ3d-partial-";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path out;
    private final String seriesUID;
    private final Path complete;
    private final Path partial;
    private final Set<String> present = ConcurrentHashMap.newKeySet();
    private boolean createdOut;
    private boolean prepared;

    private SeriesDownload(Path out, String seriesUID) {
        this.out = out;
        this.seriesUID = seriesUID;
        this.complete = out.resolve(seriesUID);
        this.partial = out.resolve(PARTIAL_PREFIX + seriesUID);
    }

    /**
     * A download of {@code seriesUID} into {@code out}; nothing is created yet.
     *
     * @throws PacsException if the UID is not a valid UID (it becomes a folder name)
     */
    public static SeriesDownload of(Path out, String seriesUID) throws PacsException {
        if (!Uids.isValid(seriesUID)) {
            throw new PacsException("not a valid Series Instance UID: '" + seriesUID + "'");
        }
        return new SeriesDownload(out, seriesUID);
    }

    /** The complete folder {@code <out>/<SeriesInstanceUID>}. */
    public Path completeFolder() {
        return complete;
    }

    /** The hidden partial folder. */
    public Path partialFolder() {
        return partial;
    }

    /** True if nothing of this series is on disk yet (neither a complete nor a partial folder). */
    public boolean isFresh() {
        return !Files.exists(complete) && !Files.exists(partial);
    }

    /** True once {@link #prepare()} has run. */
    public boolean isPrepared() {
        return prepared;
    }

    /** True if the complete folder exists and holds every instance in {@code expected}. */
    public boolean isComplete(Collection<String> expected) throws IOException {
        return Files.isDirectory(complete) && listInstances(complete).containsAll(expected);
    }

    /**
     * Creates the partial folder (and {@code out}) and reads which instances it holds already, and
     * returns them. Call once, after the server has answered (so that a refused login writes nothing).
     */
    public Set<String> prepare() throws IOException {
        if (prepared) {
            return Set.copyOf(present);
        }
        if (!Files.isDirectory(out)) {
            Files.createDirectories(out);
            createdOut = true;
        }
        if (Files.isDirectory(complete)) {
            if (Files.exists(partial)) {
                for (Path f : instanceFiles(complete)) {
                    move(f, partial.resolve(f.getFileName()));
                }
                Files.delete(complete);
            } else {
                move(complete, partial);
            }
        }
        Files.createDirectories(partial);
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(partial, ".*.part")) {
            for (Path stale : ds) {
                Files.deleteIfExists(stale);
            }
        }
        for (Path f : instanceFiles(partial)) {
            if (readable(f)) {
                present.add(uidOf(f));
            } else {
                Files.delete(f);
            }
        }
        prepared = true;
        return Set.copyOf(present);
    }

    /** SOP Instance UIDs held now. */
    public Set<String> present() {
        return Set.copyOf(present);
    }

    /** A fresh hidden temporary file name in the partial folder, for one arriving instance. */
    public Path newIncoming() {
        if (!prepared) {
            throw new IllegalStateException("prepare() first");
        }
        return partial.resolve(".incoming-" + Long.toHexString(RANDOM.nextLong()) + ".part");
    }

    /**
     * An instance that arrived.
     *
     * @param sopInstanceUID    its SOP Instance UID (the file is {@code <uid>.dcm})
     * @param transferSyntaxUID the transfer syntax of its dataset
     */
    public record Arrival(String sopInstanceUID, String transferSyntaxUID) {
    }

    /**
     * Takes a complete instance file written to a {@link #newIncoming()} name: checks that its
     * header parses and names this series and a valid SOP Instance UID, then renames it to
     * {@code <SOPInstanceUID>.dcm}.
     *
     * @throws PacsException if the file is not the instance of this series that it should be (it is
     *                       deleted)
     */
    public Arrival accept(Path incoming, String source) throws IOException {
        String sop;
        String ts;
        try {
            DicomFile df = DicomParser.readHeader(incoming);
            ts = df.transferSyntax().uid();
            Attributes ds = df.dataset();
            sop = ds.getString(Tag.SOPInstanceUID);
            String series = ds.getString(Tag.SeriesInstanceUID);
            if (!Uids.isValid(sop)) {
                throw new PacsException(source + " sent an instance without a valid SOP Instance UID ('" + sop + "')");
            }
            if (!seriesUID.equals(series)) {
                throw new PacsException(source + " sent instance " + sop + " of series " + series + " where series "
                        + seriesUID + " was asked for");
            }
        } catch (PacsException e) {
            Files.deleteIfExists(incoming);
            throw e;
        } catch (IOException e) {
            Files.deleteIfExists(incoming);
            throw new PacsException(source + " sent an instance that is not valid DICOM: " + e.getMessage(), e);
        }
        move(incoming, partial.resolve(sop + ".dcm"));
        present.add(sop);
        return new Arrival(sop, ts);
    }

    /**
     * Renames the partial folder to the complete folder if it holds every instance of
     * {@code expected}.
     *
     * @param transferred instances transferred by this run (reported)
     * @throws PacsException naming how many instances are missing
     */
    public PullResult commit(Collection<String> expected, int transferred) throws IOException {
        Set<String> missing = new HashSet<>(expected);
        missing.removeAll(present);
        if (!missing.isEmpty()) {
            throw new PacsException(missing.size() + " of " + expected.size() + " instances of series " + seriesUID
                    + " did not arrive (e.g. " + missing.iterator().next() + "); the " + present.size()
                    + " that did are kept in " + partial + " and a rerun fetches the rest");
        }
        move(partial, complete);
        PullResult r = commitExisting();
        return new PullResult(seriesUID, r.instances(), r.bytes(), transferred, complete);
    }

    /** The result for a complete folder found on disk (nothing transferred). */
    public PullResult commitExisting() throws IOException {
        long bytes = 0;
        int n = 0;
        for (Path f : instanceFiles(complete)) {
            bytes += Files.size(f);
            n++;
        }
        return new PullResult(seriesUID, n, bytes, 0, complete);
    }

    /**
     * After a failure: removes what would only confuse (an empty partial folder, the output folder if
     * this download created it and it is empty). Instances that arrived complete stay for a rerun.
     */
    public void cleanUpAfterFailure() {
        try {
            if (Files.isDirectory(partial)) {
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(partial, ".*.part")) {
                    for (Path stale : ds) {
                        Files.deleteIfExists(stale);
                    }
                }
                if (isEmpty(partial)) {
                    Files.delete(partial);
                }
            }
            if (createdOut && isEmpty(out)) {
                Files.delete(out);
            }
        } catch (IOException e) {
            // NB: clean-up is best effort; the original failure is what the caller reports
        }
    }

    /** The SOP Instance UIDs of the instance files in a folder. */
    static Set<String> listInstances(Path folder) throws IOException {
        Set<String> s = new HashSet<>();
        for (Path f : instanceFiles(folder)) {
            s.add(uidOf(f));
        }
        return s;
    }

    private static Iterable<Path> instanceFiles(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> {
                String n = p.getFileName().toString();
                return n.endsWith(".dcm") && Uids.isValid(n.substring(0, n.length() - 4)) && Files.isRegularFile(p);
            }).sorted().toList();
        }
    }

    private static String uidOf(Path f) {
        String n = f.getFileName().toString();
        return n.substring(0, n.length() - 4);
    }

    private static boolean readable(Path f) {
        try {
            DicomParser.readHeader(f);
            return true;
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
