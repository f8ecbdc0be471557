package org.organ3d.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on stderr for long work (shared/CONTRACT.md: "Long work shows a progress bar on
 * stderr when stderr is a terminal"), drawn by the progressbar library; nothing at all when stderr
 * is not a terminal, so logs and pipes stay clean. Close it when the work ends.
 */
final class TerminalProgress implements AutoCloseable {

    private final ProgressBar bar;

    private TerminalProgress(ProgressBar bar) {
        this.bar = bar;
    }

    /** A bar for {@code total} steps named {@code task}, or one that draws nothing off a terminal. */
    static TerminalProgress start(String task, long total) {
        if (!stderrIsTerminal()) {
            return new TerminalProgress(null);
        }
        return new TerminalProgress(new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(System.err, 100))
                .setUpdateIntervalMillis(250).build());
    }

    /** Moves the bar to {@code done} of {@code total}. */
    void stepTo(long done, long total) {
        if (bar != null) {
            bar.maxHint(total);
            bar.stepTo(done);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }

    /**
     * True when file descriptor 2 is a terminal: on Linux read from /proc (a tty or pts device);
     * elsewhere, Java 17 can only tell whether the process has an interactive console.
     */
    static boolean stderrIsTerminal() {
        if (Boolean.getBoolean("organ3d.noProgress")) {
            return false;
        }
        Path fd2 = Path.of("/proc/self/fd/2");
        if (Files.exists(fd2, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            try {
                String target = Files.readSymbolicLink(fd2).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
        }
        return System.console() != null;
    }
}
