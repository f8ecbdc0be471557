package org.organ3d.cli;

import java.io.IOException;
import java.io.PrintWriter;
import org.organ3d.net.PacsSettings;
import org.organ3d.net.SeriesCache;

/**
 * DICOMweb series URLs given where a command reads an image ({@code <input>}, {@code --image}, the
 * viewer's inputs): fetched into the local cache ({@link SeriesCache}) and read from there. Progress
 * and notes go to the command's stderr.
 */
final class RemoteInputs {

    /**
     * A cached series.
     *
     * @param fetched what the cache did
     * @param url     the parsed URL
     */
    record Local(SeriesCache.Fetched fetched, SeriesCache.SeriesUrl url) {
    }

    private RemoteInputs() {
    }

    /** True if {@code input} is an http(s) URL. */
    static boolean isUrl(String input) {
        return SeriesCache.isUrl(input);
    }

    /**
     * Makes the series of {@code url} complete in the cache.
     *
     * @throws UsageException if the URL is not a series URL
     */
    static Local fetch(String url, PrintWriter err, String command) throws IOException {
        SeriesCache.SeriesUrl parsed;
        try {
            parsed = SeriesCache.parse(url);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        SeriesCache cache = new SeriesCache(SeriesCache.defaultRoot(System.getenv()), PacsSettings.fromEnvironment());
        TransferMeter meter = new TransferMeter(err, command);
        SeriesCache.Fetched f = cache.fetch(parsed, meter);
        if (f.offline()) {
            err.println("organ3d " + command + ": note: " + parsed.server() + " cannot be reached; reading the cached copy "
                    + f.folder());
        } else if (f.transferred() > 0) {
            err.println("organ3d " + command + ": note: fetched " + meter.summary() + " into the cache " + f.folder());
        }
        err.flush();
        return new Local(f, parsed);
    }
}
