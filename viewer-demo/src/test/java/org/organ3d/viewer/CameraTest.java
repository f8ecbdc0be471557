package org.organ3d.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.joml.Vector3f;
import org.junit.jupiter.api.Test;

/** Patient-oriented presets and the off-axis stereo geometry (no GL needed). */
class CameraTest {

    static final int W = 400;
    static final int H = 300;

    static Camera camera(ViewPreset p) {
        return new Camera().preset(p).fit(new Vector3f(-100), new Vector3f(100));
    }

    static Vector3f px(Camera c, float x, float y, float z) {
        return c.project(new Vector3f(x, y, z), 0, W, H, new Vector3f());
    }

    @Test
    void presetsPutThePatientAxesWhereRadiologistsExpectThem() {
        // Anterior: patient's left (+x) on screen right, superior (+z) up.
        Camera a = camera(ViewPreset.ANTERIOR);
        assertTrue(px(a, 50, 0, 0).x > W / 2f + 10);
        assertTrue(px(a, 0, 0, 50).y < H / 2f - 10);
        assertTrue(px(a, 0, -50, 0).z < px(a, 0, 50, 0).z, "anterior is nearer in the anterior view");
        // Posterior: patient's left on screen left.
        assertTrue(px(camera(ViewPreset.POSTERIOR), 50, 0, 0).x < W / 2f - 10);
        // Left lateral: the viewer stands at the patient's left; anterior (-y) on screen left.
        Camera l = camera(ViewPreset.LEFT);
        assertTrue(px(l, 0, -50, 0).x < W / 2f - 10);
        assertTrue(px(l, 50, 0, 0).z < px(l, -50, 0, 0).z, "patient's left is nearer");
        // Inferior (from the feet, like axial CT): left on screen right, anterior up.
        Camera i = camera(ViewPreset.INFERIOR);
        assertTrue(px(i, 50, 0, 0).x > W / 2f + 10);
        assertTrue(px(i, 0, -50, 0).y < H / 2f - 10);
        // Superior: from above the head, anterior up, left on screen left.
        Camera s = camera(ViewPreset.SUPERIOR);
        assertTrue(px(s, 50, 0, 0).x < W / 2f - 10);
        assertTrue(px(s, 0, -50, 0).y < H / 2f - 10);
    }

    @Test
    void offAxisEyesAgreeOnTheConvergencePlaneAndHaveNoVerticalParallax() {
        Camera c = camera(ViewPreset.ANTERIOR);
        Vector3f onPlane = new Vector3f(30, 0, -20);   // y = 0 is the target's depth: the convergence plane
        Vector3f l = c.project(onPlane, -1, W, H, new Vector3f());
        Vector3f r = c.project(onPlane, 1, W, H, new Vector3f());
        assertEquals(l.x, r.x, 1e-3);
        assertEquals(l.y, r.y, 1e-3);
        Vector3f far = new Vector3f(30, 80, -20);
        l = c.project(far, -1, W, H, l);
        r = c.project(far, 1, W, H, r);
        assertEquals(l.y, r.y, 1e-3, "no vertical parallax");
        // Disparity from similar triangles: e * f_px * (1/c - 1/d), f_px = (H/2) / tan(fov/2).
        double fpx = H / 2.0 / Math.tan(c.fovY() / 2);
        double d = c.distance() + 80;
        double expected = c.eyeSeparation() * fpx * (1 / c.convergence() - 1 / d);
        assertEquals(expected, r.x - l.x, 1e-2, "uncrossed disparity behind the plane");
        c.convergeOn(far);
        assertEquals(d, c.convergence(), 1e-3);
        l = c.project(far, -1, W, H, l);
        r = c.project(far, 1, W, H, r);
        assertEquals(l.x, r.x, 1e-3, "converging on a point puts it at zero parallax");
    }

    @Test
    void rayAndProjectionAreInverse() {
        Camera c = camera(ViewPreset.RIGHT);
        c.arcball(200, 150, 260, 120, W, H);
        Vector3f p = new Vector3f(12, -34, 56);
        Vector3f s = c.project(p, 0, W, H, new Vector3f());
        Vector3f o = new Vector3f();
        Vector3f dir = new Vector3f();
        c.ray(s.x, s.y, W, H, o, dir);
        Vector3f op = new Vector3f(p).sub(o);
        float along = op.dot(dir);
        assertEquals(0, new Vector3f(dir).mul(along).sub(op).length(), 1e-2, "the point lies on the ray");
    }
}
