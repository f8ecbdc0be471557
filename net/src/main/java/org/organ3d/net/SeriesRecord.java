package org.organ3d.net;

import java.util.Objects;

/**
 * A series found on a PACS.
 *
 * @param studyInstanceUID  the study it belongs to
 * @param seriesInstanceUID Series Instance UID
 * @param modality          Modality, or null
 * @param seriesNumber      Series Number, or null
 * @param description       Series Description, or null
 * @param instances         Number of Series Related Instances, or -1 when the server did not say
 */
public record SeriesRecord(String studyInstanceUID, String seriesInstanceUID, String modality, Integer seriesNumber,
        String description, int instances) {

    public SeriesRecord {
        Objects.requireNonNull(studyInstanceUID);
        Objects.requireNonNull(seriesInstanceUID);
        if (instances < -1) {
            throw new IllegalArgumentException("instances " + instances);
        }
    }
}
