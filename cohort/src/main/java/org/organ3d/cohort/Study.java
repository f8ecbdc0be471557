package org.organ3d.cohort;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One row of the manifest, resolved: what a task needs to process the study. Immutable;
 * serializable (sent to the executors).
 *
 * @param row     the manifest row (1-based, header not counted), for messages
 * @param studyId the {@code study_id} column
 * @param image   absolute path of the image (DICOM folder or file, NIfTI, NRRD, MetaImage), or a
 *                DICOMweb series URL
 * @param series  the Series Instance UID to read from a DICOM folder, or null for its largest series
 * @param labels  absolute path of the label map, SEG or RTSTRUCT, or null
 * @param carried the values of the manifest's other columns, in {@link Manifest#carried()} order
 *                (null for an empty cell)
 * @param problem why the row cannot be processed (an empty {@code image} ...), or null
 */
public record Study(long row, String studyId, String image, String series, String labels, List<Object> carried, String problem)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    public Study {
        Objects.requireNonNull(studyId, "studyId");
        // NB: an unmodifiable ArrayList: serializable and holds nulls (List.copyOf does not)
        carried = Collections.unmodifiableList(new ArrayList<>(carried));
    }
}
