package org.organ3d.viewer;

import java.nio.file.Path;
import java.util.List;
import org.organ3d.viewer.measure.StudyReference;
import org.organ3d.viewer.slice.SliceSource;

/**
 * What {@link SceneLoader} made of the inputs.
 *
 * @param objects     the surfaces (may be empty when only an image was given)
 * @param slices      the image and label map for the slice views and volume rendering, or null
 * @param reference   the study the view shows (DICOM UIDs and/or input file digests), for measurement files
 * @param notes       what the user should know (reader warnings, which series was read, how an input was taken)
 * @param description one line naming the study for annotations (study/series description or file names)
 * @param dicomSeries the DICOM folder or file whose image series the view shows (the series that
 *                    {@code reference} names), for exports that must cite it (a DICOM SR); null
 *                    when the view shows no DICOM image
 */
public record LoadedScene(List<SceneObject> objects, SliceSource slices, StudyReference reference, List<String> notes,
        String description, Path dicomSeries) {

    public LoadedScene {
        objects = List.copyOf(objects);
        notes = List.copyOf(notes);
    }

    /** A scene that shows no DICOM image series. */
    public LoadedScene(List<SceneObject> objects, SliceSource slices, StudyReference reference, List<String> notes,
            String description) {
        this(objects, slices, reference, notes, description, null);
    }
}
