package org.organ3d.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.organ3d.io.LoadedImage;
import org.organ3d.io.ReadOptions;
import org.organ3d.io.dicom.DicomSeriesReader;
import org.organ3d.io.dicom.DicomSeriesWriter;
import org.organ3d.io.dicom.SeriesInfo;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.Rescale;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/**
 * Small DICOM studies written by organ3d's series writer for the PACS tests: voxels from a formula
 * (so every slice differs), an oblique-free grid with a non-trivial origin, CT rescale.
 */
final class TestStudies {

    /** One series on disk. */
    record Series(SeriesInfo info, Path folder, List<Path> files) {
        String studyUID() {
            return info.studyInstanceUID();
        }

        String seriesUID() {
            return info.seriesInstanceUID();
        }
    }

    private TestStudies() {
    }

    /** A volume whose voxel (i, j, k) is a hash of its index and {@code seed}, in -1024..3071. */
    static Volume volume(int nx, int ny, int nz, int seed) {
        Geometry g = Geometry.fromRowMajor(new double[][] {
            {0.75, 0, 0, -120.5}, {0, 0.75, 0, -98.25}, {0, 0, 2.5, 30}, {0, 0, 0, 1}});
        Volume.Builder b = Volume.builder(new Dimensions(nx, ny, nz), VoxelType.INT16, g).rescale(new Rescale(1, 0));
        for (int k = 0; k < nz; k++) {
            short[] s = new short[nx * ny];
            for (int p = 0; p < s.length; p++) {
                int h = (p * 31 + k * 7919 + seed * 104729) * 0x9E3779B1;
                s[p] = (short) (((h >>> 16) % 4096) - 1024);
            }
            b.setSlice(k, s);
        }
        return b.build();
    }

    /** Writes a series of {@code volume} into {@code folder}. */
    static Series write(Volume volume, Path folder, SeriesInfo info) throws IOException {
        List<Path> files = DicomSeriesWriter.writeCtSeries(volume, folder, info);
        return new Series(info, folder, files);
    }

    /** Asserts two DICOM series folders read to the same voxels, type, rescale and geometry. */
    static void assertSameVolume(Path expectedFolder, String seriesUID, Path actualFolder) throws IOException {
        LoadedImage a = DicomSeriesReader.readFolder(expectedFolder, ReadOptions.builder().seriesUid(seriesUID).build());
        LoadedImage b = DicomSeriesReader.readFolder(actualFolder, ReadOptions.builder().seriesUid(seriesUID).build());
        Volume x = a.volume();
        Volume y = b.volume();
        assertEquals(x.dimensions(), y.dimensions(), "dimensions");
        assertEquals(x.type(), y.type(), "voxel type");
        assertEquals(x.rescale(), y.rescale(), "rescale");
        double[][] gx = x.geometry().toRowMajor();
        double[][] gy = y.geometry().toRowMajor();
        for (int r = 0; r < 4; r++) {
            assertArrayEquals(gx[r], gy[r], 0.0, "voxel-to-LPS row " + r);
        }
        for (int k = 0; k < x.nz(); k++) {
            for (int j = 0; j < x.ny(); j++) {
                for (int i = 0; i < x.nx(); i++) {
                    if (x.raw(i, j, k) != y.raw(i, j, k)) {
                        throw new AssertionError("voxel (" + i + "," + j + "," + k + "): " + x.raw(i, j, k) + " != "
                                + y.raw(i, j, k));
                    }
                }
            }
        }
    }
}
