package org.organ3d.viewer.slice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.joml.Matrix4f;
import org.joml.Vector3d;
import org.joml.Vector4f;
import org.junit.jupiter.api.Test;

/** Pane pixels and LPS: radiological orientation, round trips, and the GPU matrix agreeing with the CPU. */
class SliceViewTest {

    static final Vector3d MIN = new Vector3d(-180, -150, -100);
    static final Vector3d MAX = new Vector3d(180, 150, 200);

    @Test
    void axialShowsThePatientsLeftOnTheRightAndAnteriorAtTheTop() {
        SliceView v = new SliceView(SliceOrientation.AXIAL);
        Vector3d cursor = new Vector3d(10, 20, 33);
        v.layout(400, 300, MIN, MAX, cursor);
        Vector3d left = v.toPane(new Vector3d(100, 0, 33), new Vector3d());
        Vector3d right = v.toPane(new Vector3d(-100, 0, 33), new Vector3d());
        assertTrue(left.x > right.x, "patient left (+x) on the screen's right");
        Vector3d ant = v.toPane(new Vector3d(0, -100, 33), new Vector3d());
        Vector3d post = v.toPane(new Vector3d(0, 100, 33), new Vector3d());
        assertTrue(ant.y < post.y, "anterior at the top");
        assertEquals(0, left.z, 1e-12, "on the plane through the crosshair");
        SliceView s = new SliceView(SliceOrientation.SAGITTAL);
        s.layout(400, 300, MIN, MAX, cursor);
        assertTrue(s.toPane(new Vector3d(10, -50, 0), new Vector3d()).x < s.toPane(new Vector3d(10, 50, 0), new Vector3d()).x,
                "sagittal: anterior on the left");
        assertTrue(s.toPane(new Vector3d(10, 0, 90), new Vector3d()).y < s.toPane(new Vector3d(10, 0, -90), new Vector3d()).y,
                "superior at the top");
    }

    @Test
    void pixelsAndLpsRoundTripAndTheNdcMatrixAgrees() {
        for (SliceOrientation o : SliceOrientation.values()) {
            SliceView v = new SliceView(o);
            v.zoom(1.7);
            v.pan(13, -7);
            Vector3d cursor = new Vector3d(-75, -15, 50.25);
            v.layout(321, 247, MIN, MAX, cursor);
            Matrix4f ndc = v.paneToNdc(new Matrix4f());
            for (double[] px : new double[][] {{0, 0}, {160.5, 123.5}, {320.25, 10.75}, {7, 246}}) {
                Vector3d p = v.toLps(px[0], px[1], new Vector3d());
                assertEquals(cursor.get(o.axis()), p.get(o.axis()), 1e-9, o + ": on the crosshair's plane");
                Vector3d back = v.toPane(p, new Vector3d());
                assertEquals(px[0], back.x, 1e-9);
                assertEquals(px[1], back.y, 1e-9);
                Vector4f n = new Vector4f((float) p.x, (float) p.y, (float) p.z, 1).mul(ndc);
                assertEquals(px[0], (n.x + 1) * 0.5 * 321, 2e-3, o + ": NDC x of pixel " + px[0]);
                assertEquals(px[1], (1 - n.y) * 0.5 * 247, 2e-3, o + ": NDC y of pixel " + px[1]);
            }
        }
    }
}
