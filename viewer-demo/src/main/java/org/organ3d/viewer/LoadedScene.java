package org.organ3d.viewer;

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
 */
public record LoadedScene(List<SceneObject> objects, SliceSource slices, StudyReference reference, List<String> notes,
        String description) {

    public LoadedScene {
        objects = List.copyOf(objects);
        notes = List.copyOf(notes);
    }
}
