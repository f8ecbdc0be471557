package org.organ3d.cohort;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.organ3d.io.ImageFormatException;
import org.organ3d.io.ReadOptions;
import org.organ3d.io.ReadWarning;
import org.organ3d.io.dicom.DicomSeriesReader;
import org.organ3d.io.dicom.FrameHeader;
import org.organ3d.io.dicom.SeriesGeometry;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Volume;

/**
 * Where a study's inputs are, and whether its labels lie on its image's grid. Stateless,
 * thread-safe.
 */
final class StudyInputs {

    private StudyInputs() {
    }

    /**
     * The image of a study as a local path.
     *
     * @throws UnsupportedInputException for a DICOMweb URL: this build reads local and shared file systems only
     */
    static Path image(Study s) throws IOException {
        String img = s.image();
        String lower = img.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            // NB: DICOMweb series URLs need organ3d's net module (a local series cache); until the cohort
            // job uses it, such a row fails with this reason instead of being guessed at
            throw new UnsupportedInputException(img + ": DICOMweb series URLs are not read by the cohort job in this build; "
                    + "pull the series first (organ3d pull) and list its folder");
        }
        return Path.of(img);
    }

    /** An input the cohort job cannot read (the message names it). */
    static final class UnsupportedInputException extends IOException {
        private static final long serialVersionUID = 1L;

        UnsupportedInputException(String message) {
            super(message);
        }
    }

    /** An image's grid: voxel counts and voxel→LPS geometry. */
    record Grid(Dimensions dimensions, Geometry geometry) {
    }

    /** The grid of a DICOM image from its headers alone (no pixel decoded). */
    static Grid grid(Path dicom, ReadOptions options) throws IOException {
        SeriesGeometry.Stack st = DicomSeriesReader.readStack(dicom, options, new ArrayList<ReadWarning>());
        List<FrameHeader> f = st.frames();
        return new Grid(new Dimensions(f.get(0).pixels().columns(), f.get(0).pixels().rows(), f.size()), st.geometry());
    }

    /** The grid of a volume. */
    static Grid grid(Volume v) {
        return new Grid(v.dimensions(), v.geometry());
    }

    /**
     * Refuses labels that do not lie on the image's grid: same voxel counts, and the same
     * voxel→patient geometry within 1/1000 of the smallest spacing (at most 1 µm), the tolerance of
     * {@code organ3d measure --image}.
     */
    static void checkSameGrid(LabelMap labels, Grid image, Path labelsPath, Path imagePath) throws ImageFormatException {
        double tol = 1e-3 * Math.min(1.0, minSpacing(labels.geometry()));
        if (!labels.dimensions().equals(image.dimensions()) || !labels.geometry().equalsWithin(image.geometry(), tol)) {
            throw new ImageFormatException(labelsPath, -1, "label grid " + labels.dimensions() + " does not match the image "
                    + imagePath + " " + image.dimensions() + " (same size and voxel-to-patient geometry needed; resample first)");
        }
    }

    private static double minSpacing(Geometry g) {
        var s = g.spacing();
        return Math.min(s.x, Math.min(s.y, s.z));
    }
}
