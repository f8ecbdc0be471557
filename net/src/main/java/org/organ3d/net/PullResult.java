package org.organ3d.net;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One series pulled from a PACS.
 *
 * @param seriesInstanceUID the series
 * @param instances         instances in the folder (all of the series)
 * @param bytes             bytes of the instance files in the folder
 * @param transferred       instances transferred by this pull (the others were there already)
 * @param folder            the complete series folder ({@code <out>/<SeriesInstanceUID>})
 */
public record PullResult(String seriesInstanceUID, int instances, long bytes, int transferred, Path folder) {
    public PullResult {
        Objects.requireNonNull(seriesInstanceUID);
        Objects.requireNonNull(folder);
    }
}
