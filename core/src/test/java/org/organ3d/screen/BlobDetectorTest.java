package org.organ3d.screen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.organ3d.filter.FilterPasses;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Rescale;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/**
 * The detector and the per-candidate segmentation on an analytic phantom: balls of known radius
 * (partial volume by 4×4×4 supersampling) and a straight tube on a −860 HU background with noise.
 */
class BlobDetectorTest {

    static final double[] SP = {0.7, 0.7, 1.25};
    static final double BG = -860;

    /** A ball or a tube (axis along z through (tx, ty)), with its value. */
    record Body(double x, double y, double z, double r, boolean tube, double hu) {
        boolean contains(double px, double py, double pz) {
            double dx = px - x;
            double dy = py - y;
            double dz = tube ? 0 : pz - z;
            return dx * dx + dy * dy + dz * dz <= r * r;
        }
    }

    static Volume phantom(Dimensions d, List<Body> bodies, double noise, long seed) {
        Geometry g = Geometry.axisAligned(SP[0], SP[1], SP[2], 0, 0, 0);
        Volume.Builder b = Volume.builder(d, VoxelType.INT16, g).rescale(new Rescale(1, -1024));
        Random rnd = new Random(seed);
        for (int k = 0; k < d.nz(); k++) {
            short[] s = new short[d.sliceSize()];
            for (int j = 0; j < d.ny(); j++) {
                for (int i = 0; i < d.nx(); i++) {
                    double v = BG;
                    for (Body body : bodies) {
                        int in = 0;
                        for (int c = 0; c < 4; c++) {
                            for (int bb = 0; bb < 4; bb++) {
                                for (int a = 0; a < 4; a++) {
                                    if (body.contains((i + (a + 0.5) / 4 - 0.5) * SP[0], (j + (bb + 0.5) / 4 - 0.5) * SP[1],
                                            (k + (c + 0.5) / 4 - 0.5) * SP[2])) {
                                        in++;
                                    }
                                }
                            }
                        }
                        v += in / 64.0 * (body.hu() - v);
                    }
                    s[j * d.nx() + i] = (short) Math.round(v + noise * rnd.nextGaussian() + 1024);
                }
            }
            b.setSlice(k, s);
        }
        return b.build();
    }

    static byte[][] all(Dimensions d) {
        byte[][] m = new byte[d.nz()][d.sliceSize()];
        for (byte[] s : m) {
            java.util.Arrays.fill(s, (byte) 1);
        }
        return m;
    }

    @Test
    void ballsAreFoundAtTheirScaleAndTheTubeIsNot() {
        Dimensions d = new Dimensions(96, 96, 48);
        List<Body> bodies = List.of(new Body(16, 16, 30, 2.5, false, 40), new Body(45, 20, 30, 5, false, 40),
                new Body(20, 48, 28, 4, false, -600), new Body(50, 50, 0, 1.5, true, 40));
        Volume ct = phantom(d, bodies, 20, 1);
        byte[][] field = all(d);
        List<Blob> blobs = BlobDetector.detect(ct, field, new int[] {0, d.nx() - 1, 0, d.ny() - 1, 0, d.nz() - 1}, BG,
                new BlobDetector.Settings(new double[] {1.25, 1.75, 2.5, 3.5, 5}, 15, 40, true, false, 0), FilterPasses.JAVA);
        for (Body b : bodies.subList(0, 3)) {
            Blob best = null;
            for (Blob x : blobs) {
                double dist = Math.sqrt(Math.pow(x.i() * SP[0] - b.x(), 2) + Math.pow(x.j() * SP[1] - b.y(), 2) + Math.pow(x.k() * SP[2] - b.z(), 2));
                if (dist < b.r() && (best == null || x.response() > best.response())) {
                    best = x;
                }
            }
            assertTrue(best != null, "no blob for " + b);
            double dist = Math.sqrt(Math.pow(best.i() * SP[0] - b.x(), 2) + Math.pow(best.j() * SP[1] - b.y(), 2) + Math.pow(best.k() * SP[2] - b.z(), 2));
            assertTrue(dist < 1.0, "blob " + best + " is " + dist + " mm from " + b);
            // The scale that fits best is within one step (√2) of r/√3.
            double ratio = best.radiusMm() / b.r();
            assertTrue(ratio > 0.6 && ratio < 1.6, "scale " + best.sigmaMm() + " for radius " + b.r());
        }
        for (Blob x : blobs) {
            double dx = x.i() * SP[0] - 50;
            double dy = x.j() * SP[1] - 50;
            assertTrue(Math.sqrt(dx * dx + dy * dy) > 3 || x.response() < 20, "the tube fired: " + x);
        }
    }

    @Test
    void segmentationMeasuresABallAndCutsTheAttachedVessel() {
        Dimensions d = new Dimensions(80, 80, 40);
        double r = 4.0;
        // A solid ball with a vessel of 1 mm radius running into it along z.
        List<Body> bodies = List.of(new Body(28, 28, 25, r, false, 40), new Body(28 + r + 0.3, 28, 0, 1.0, true, 40));
        Volume ct = phantom(d, bodies, 15, 2);
        byte[][] field = all(d);
        byte[][] air = new byte[d.nz()][d.sliceSize()];
        for (int k = 0; k < d.nz(); k++) {
            float[] v = ct.sliceValues(k, null);
            for (int x = 0; x < v.length; x++) {
                air[k][x] = (byte) (v[x] < -400 ? 1 : 0);
            }
        }
        Blob blob = new Blob(28 / SP[0], 28 / SP[1], 25 / SP[2], 2.5, 100, 500, 0.9, 1);
        LesionRegion reg = LesionSegmentation.segment(ct, blob, field, 0, air, BG, 1,
                new LesionSegmentation.Settings(true, 100, 0, 40, 0.5, 15));
        assertTrue(reg.found(), reg.rejected);
        assertEquals(2 * r, reg.diameterMm(), 0.6, "voxel-count diameter");
        assertEquals(28, reg.ci * SP[0], 0.3);
        assertEquals(25, reg.ck * SP[2], 0.3);
        assertTrue(reg.attachedFraction > 0.2, "the vessel was not cut away: " + reg.attachedFraction);
        assertTrue(!reg.touchesBorder, "the region runs to the box border");
        assertTrue(reg.solidFraction > 0.7, "solid fraction " + reg.solidFraction);
        // The vessel passes the ball's side: cut away, it is one piece running on to the box border above and below.
        assertEquals(1, reg.stubs, "pieces of the vessel reaching the box border");
        // NB: the contact counts the vessel and the crevice between it and the ball that the opening cuts with it; an
        // isolated ball's is its shaved surface only (below 0.15, the next test).
        assertTrue(reg.attachedContact > 0.15 && reg.attachedContact < 0.7, "surface touching the vessel: " + reg.attachedContact);
        assertEquals(0, reg.fieldContact, 1e-12, "the field is the whole grid");
        Found f = new Found(blob, reg, "lung", 1, CandidateScore.features(blob, reg), 0.9, "right");
        Candidate c = CandidateMeasurement.measure(ct, f, 1);
        assertEquals(2 * r, c.diameterMm(), 0.3, "sub-voxel diameter");
        assertEquals(LesionType.SOLID, c.type());
        assertEquals(2 * r, c.recistLongMm(), 1.5);
        Volume.Builder painter = CandidateMeasurement.labelBuilder(ct);
        assertEquals(reg.voxels, CandidateMeasurement.paint(painter, ct.dimensions(), reg, 1));
        assertEquals(0, CandidateMeasurement.paint(painter, ct.dimensions(), reg, 2), "a region already painted paints nothing");
        LabelMap lm = new LabelMap(painter.build(), null);
        assertEquals(reg.voxels, lm.counts().get(1).longValue());
        assertEquals(null, lm.counts().get(2));
    }

    @Test
    void anIsolatedBallHasNoContacts() {
        Dimensions d = new Dimensions(64, 64, 32);
        Volume ct = phantom(d, List.of(new Body(22, 22, 20, 3.0, false, 40)), 15, 3);
        byte[][] air = new byte[d.nz()][d.sliceSize()];
        for (int k = 0; k < d.nz(); k++) {
            float[] v = ct.sliceValues(k, null);
            for (int x = 0; x < v.length; x++) {
                air[k][x] = (byte) (v[x] < -400 ? 1 : 0);
            }
        }
        Blob blob = new Blob(22 / SP[0], 22 / SP[1], 20 / SP[2], 1.75, 100, 500, 0.9, 1);
        LesionRegion reg = LesionSegmentation.segment(ct, blob, all(d), 0, air, BG, 1,
                new LesionSegmentation.Settings(true, 100, 0, 40, 0.5, 15));
        assertTrue(reg.found(), reg.rejected);
        assertEquals(0, reg.stubs);
        // NB: the opening shaves a little of the ball's partial-volume surface, which counts as cut-away contact.
        assertTrue(reg.attachedContact < 0.15, "surface touching cut-away structure: " + reg.attachedContact);
        double[] f = CandidateScore.features(blob, reg);
        assertEquals(CandidateScore.FEATURES.size(), f.length);
        assertEquals(0, f[CandidateScore.FEATURES.indexOf("stubs")], 1e-12);
    }
}
