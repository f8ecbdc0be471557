package org.organ3d.cohort;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.organ3d.io.ImageFormatException;
import org.organ3d.io.ReadOptions;
import org.organ3d.io.ReadWarning;
import org.organ3d.io.dicom.DicomSeriesReader;
import org.organ3d.io.dicom.FrameHeader;
import org.organ3d.io.dicom.SeriesGeometry;
import org.organ3d.net.PacsSettings;
import org.organ3d.net.SeriesCache;
import org.organ3d.net.TransferProgress;
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

    /** True if a manifest's image is an http(s) URL (a DICOMweb series URL). */
    static boolean isUrl(String image) {
        return SeriesCache.isUrl(image);
    }

    /**
     * The identity of a DICOMweb series from its URL alone (no network): the series' UIDs are in it, and
     * a series on a PACS does not change. So a rerun skips a finished remote study without asking the
     * server.
     *
     * @throws IllegalArgumentException if the URL is not a series URL
     */
    static StudyKeys.ImageIdentity urlIdentity(String url) {
        SeriesCache.SeriesUrl u = SeriesCache.parse(url);
        return new StudyKeys.ImageIdentity("dicomweb\n" + u, u.seriesInstanceUID(), -1);
    }

    /**
     * Makes a DICOMweb series complete in this executor's series cache ({@code ORGAN3D_CACHE}, else
     * {@code ~/.cache/organ3d/dicomweb}) and returns its folder. Credentials come from the executor's
     * environment or PACS config file (docs/pacs.md), never from the manifest.
     */
    static Path fetch(String url) throws IOException {
        SeriesCache cache = new SeriesCache(SeriesCache.defaultRoot(System.getenv()), PacsSettings.fromEnvironment());
        SeriesCache.Fetched f = cache.fetch(SeriesCache.parse(url), new TransferProgress() {
        });
        if (f.offline()) {
            System.err.println("organ3d cohort: note: " + url + " cannot be reached; the cached copy " + f.folder() + " is read");
        }
        return f.folder();
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
