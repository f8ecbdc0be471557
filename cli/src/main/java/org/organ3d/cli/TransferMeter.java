package org.organ3d.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.organ3d.net.TransferProgress;

/**
 * Progress of a transfer on stderr, with the rate: on a terminal one line redrawn at most five times
 * a second; otherwise a note line every ten seconds (so logs stay short). {@link #summary()} gives the
 * closing figures. Thread-safe.
 */
final class TransferMeter implements TransferProgress {

    private final PrintWriter err;
    private final String command;
    private final boolean terminal;
    private final long start = System.nanoTime();
    private long lastDraw;
    private int total = -1;
    private int present;
    private int done;
    private int allDone;
    private long bytes;
    private boolean drawn;

    TransferMeter(PrintWriter err, String command) {
        this(err, command, System.console() != null);
    }

    TransferMeter(PrintWriter err, String command, boolean terminal) {
        this.err = err;
        this.command = command;
        this.terminal = terminal;
        this.lastDraw = start;
    }

    @Override
    public synchronized void seriesStarted(String series, int totalInstances, int presentInstances) {
        total = totalInstances;
        present = presentInstances;
        done = 0;
        if (presentInstances > 0 && presentInstances < totalInstances) {
            note("resuming " + series + ": " + presentInstances + " of " + totalInstances + " instances already here");
        }
    }

    @Override
    public synchronized void instanceDone(long b) {
        done++;
        allDone++;
        bytes += b;
        long now = System.nanoTime();
        if (terminal && now - lastDraw > 200_000_000L) {
            err.print("\r" + line());
            err.flush();
            drawn = true;
            lastDraw = now;
        } else if (!terminal && now - lastDraw > 10_000_000_000L) {
            note(line());
            lastDraw = now;
        }
    }

    @Override
    public synchronized void seriesDone(String series) {
        if (drawn) {
            err.print("\r" + line() + "\n");
            err.flush();
            drawn = false;
        }
    }

    /** {@code N instances, X MB in S s (R MB/s)} over the whole transfer. */
    synchronized String summary() {
        double s = seconds();
        return String.format(Locale.ROOT, "%d instance(s), %.1f MB in %.2f s (%.1f MB/s)", totalDone(), bytes / 1e6, s,
                s > 0 ? bytes / 1e6 / s : 0);
    }

    synchronized long bytes() {
        return bytes;
    }

    double seconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    private int totalDone() {
        return allDone;
    }

    private String line() {
        double s = seconds();
        String of = total > 0 ? "/" + (total - present) : "";
        return String.format(Locale.ROOT, "organ3d %s: %d%s instances, %.1f MB, %.1f MB/s", command, done, of,
                bytes / 1e6, s > 0 ? bytes / 1e6 / s : 0);
    }

    private void note(String text) {
        if (drawn) {
            err.print("\n");
            drawn = false;
        }
        err.println("organ3d " + command + ": note: " + text);
        err.flush();
    }
}
