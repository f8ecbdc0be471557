package org.organ3d.viewer;

import java.util.Map;
import org.joml.Vector3d;
import org.organ3d.testdata.phantom.AbdominalPhantom;
import org.organ3d.testdata.phantom.PhantomGenerator;
import org.organ3d.testdata.phantom.PhantomGrid;
import org.organ3d.testdata.phantom.PhantomStudy;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.LabelInfo;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Spacing;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/**
 * The demo's abdominal phantom for viewer tests, made once per test JVM: the small study (CT with
 * noise and its truth labels, 2.8 × 2.8 × 3 mm), and the liver with its lesion sampled at the full
 * study's spacing (0.7 × 0.7 × 1.5 mm) on a box around the liver, where smoothed surfaces lie within
 * about half a millimetre of the analytic shapes (at 2.8 mm they are off by up to 1.2 mm).
 */
final class DemoPhantom {

    /** The lesion: a sphere of radius 12 mm at (-75, -15, 50.25) LPS (AbdominalPhantom). */
    static final Vector3d LESION_CENTRE = new Vector3d(-75, -15, 50.25);
    static final double LESION_RADIUS = 12;
    private static PhantomStudy small;
    private static LabelMap liver;

    private DemoPhantom() {
    }

    static synchronized PhantomStudy small() {
        if (small == null) {
            small = PhantomGenerator.generate(PhantomGrid.SMALL);
        }
        return small;
    }

    /** Liver (label 1) and liver lesion (label 7) at 0.7 × 0.7 × 1.5 mm, from the phantom's exact shapes. */
    static synchronized LabelMap liverAtFullResolution() {
        if (liver == null) {
            AbdominalPhantom ph = new AbdominalPhantom();
            double x0 = -140;
            double y0 = -85;
            double z0 = -30;
            int nx = 186;
            int ny = 200;
            int nz = 100;
            Volume.Builder b = LabelMap.builder(new Dimensions(nx, ny, nz), VoxelType.UINT8,
                    Geometry.axisAligned(new Spacing(0.7, 0.7, 1.5), new Vector3d(x0, y0, z0)));
            for (int k = 0; k < nz; k++) {
                byte[] s = new byte[nx * ny];
                for (int j = 0; j < ny; j++) {
                    for (int i = 0; i < nx; i++) {
                        int l = ph.labelAt(x0 + 0.7 * i, y0 + 0.7 * j, z0 + 1.5 * k);
                        if (l == AbdominalPhantom.LIVER || l == AbdominalPhantom.LESION) {
                            s[j * nx + i] = (byte) l;
                        }
                    }
                }
                b.setSlice(k, s);
            }
            liver = new LabelMap(b.build(), Map.of(1, new LabelInfo(1, "liver", LabelInfo.rgba(0.62, 0.32, 0.24, 1)),
                    7, new LabelInfo(7, "liver lesion", LabelInfo.rgba(0.95, 0.85, 0.2, 1))));
        }
        return liver;
    }
}
