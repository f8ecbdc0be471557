package org.organ3d.viewer.pick;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.joml.Vector3d;
import org.joml.Vector3f;
import org.joml.Vector4f;
import org.junit.jupiter.api.Test;
import org.organ3d.mesh.MeshPrimitives;
import org.organ3d.mesh.io.NamedMesh;
import org.organ3d.viewer.Camera;
import org.organ3d.viewer.Scene;
import org.organ3d.viewer.ViewPreset;

/** Ray picking through window pixels onto an icosphere of known radius (no GL needed). */
class PickingTest {

    static final Vector3d C = new Vector3d(12, -7, 30);
    static final double R = 40;
    static final int W = 320;
    static final int H = 240;

    static Scene sphereScene() {
        // Level 5 icosphere: chord sagitta < 0.01 mm at R = 40, far below the 0.5 mm tolerance.
        return Scene.ofMeshes(List.of(new NamedMesh(1, "sphere", 0xffffffff,
                MeshPrimitives.icosphere(C.x, C.y, C.z, R, 5)))).withPicking();
    }

    static Camera camera(Scene s, ViewPreset p) {
        Camera cam = new Camera().preset(p);
        Vector3f min = new Vector3f();
        Vector3f max = new Vector3f();
        s.bounds(min, max);
        return cam.fit(min, max);
    }

    @Test
    void rayThroughTheProjectionOfAKnownSurfacePointHitsIt() {
        Scene s = sphereScene();
        for (ViewPreset p : ViewPreset.values()) {
            Camera cam = camera(s, p);
            // A point on the visible hemisphere, 35 degrees off the viewing axis.
            Vector3f toEye = p.forward(new Vector3f()).negate();
            Vector3f side = p.up(new Vector3f());
            Vector3d n = new Vector3d(toEye.x, toEye.y, toEye.z).mul(Math.cos(Math.toRadians(35)))
                    .add(new Vector3d(side.x, side.y, side.z).mul(Math.sin(Math.toRadians(35))));
            Vector3d expected = new Vector3d(n).mul(R).add(C);
            Vector3f px = cam.project(new Vector3f((float) expected.x, (float) expected.y, (float) expected.z), 0, W, H,
                    new Vector3f());
            Vector3f o = new Vector3f();
            Vector3f d = new Vector3f();
            cam.ray(px.x, px.y, W, H, o, d);
            Hit hit = s.pick(o, d, null);
            assertNotNull(hit, p.name());
            assertEquals(0, hit.point().distance(expected), 0.5, p + ": picked " + hit.point() + " expected " + expected);
        }
    }

    @Test
    void pixelCentreRayMatchesTheAnalyticSphereIntersection() {
        Scene s = sphereScene();
        Camera cam = camera(s, ViewPreset.ANTERIOR);
        int hits = 0;
        for (int y = 0; y < H; y += 7) {
            for (int x = 0; x < W; x += 7) {
                Vector3f o = new Vector3f();
                Vector3f d = new Vector3f();
                cam.ray(x + 0.5f, y + 0.5f, W, H, o, d);
                Hit hit = s.pick(o, d, null);
                Vector3d oc = new Vector3d(o.x, o.y, o.z).sub(C);
                double b = oc.dot(d.x, d.y, d.z);
                double disc = b * b - (oc.lengthSquared() - R * R);
                if (disc < 0.5 * R) {   // skip rays grazing the silhouette, where facets matter
                    if (disc < 0) {
                        assertNull(hit, "ray misses the sphere at " + x + "," + y);
                    }
                    continue;
                }
                double t = -b - Math.sqrt(disc);
                Vector3d analytic = new Vector3d(d.x, d.y, d.z).mul(t).add(o.x, o.y, o.z);
                assertNotNull(hit, "ray " + x + "," + y);
                assertEquals(0, hit.point().distance(analytic), 0.5, "pixel " + x + "," + y);
                hits++;
            }
        }
        assertTrue(hits > 100, "enough rays hit: " + hits);
    }

    @Test
    void clippingPlaneAndVisibilityAreHonoured() {
        Scene s = sphereScene();
        Camera cam = camera(s, ViewPreset.ANTERIOR);
        Vector3f o = new Vector3f();
        Vector3f d = new Vector3f();
        Vector3f centre = cam.project(new Vector3f((float) C.x, (float) C.y, (float) C.z), 0, W, H, new Vector3f());
        cam.ray(centre.x, centre.y, W, H, o, d);
        Hit front = s.pick(o, d, null);
        assertEquals(C.y - R, front.point().y, 0.5, "anterior view hits the anterior pole first");
        // Cut away everything anterior of the centre (keep y >= C.y): the ray now hits the inside of the back wall.
        Hit back = s.pick(o, d, new Vector4f(0, 1, 0, (float) -C.y));
        assertNotNull(back);
        assertEquals(C.y + R, back.point().y, 0.5, "clipped: the posterior wall's inside");
        s.objects().get(0).setVisible(false);
        assertNull(s.pick(o, d, null), "hidden organs are not picked");
    }

    @Test
    void seeThroughSurfacesAreLookedThroughWhenAnotherLiesBehindThem() {
        // a lesion (r = 12) inside a liver (r = 60), both centred at C, seen from the front
        Scene s = Scene.ofMeshes(List.of(
                new NamedMesh(1, "liver", 0x9e513dff, MeshPrimitives.icosphere(C.x, C.y, C.z, 60, 5)),
                new NamedMesh(7, "liver lesion", 0xf2d933ff, MeshPrimitives.icosphere(C.x, C.y, C.z, 12, 5)))).withPicking();
        Camera cam = camera(s, ViewPreset.ANTERIOR);
        Vector3f o = new Vector3f();
        Vector3f d = new Vector3f();
        Vector3f centre = cam.project(new Vector3f((float) C.x, (float) C.y, (float) C.z), 0, W, H, new Vector3f());
        cam.ray(centre.x, centre.y, W, H, o, d);
        SceneObjectsOpacity.set(s, 0, 1f);
        assertEquals(0, s.pick(o, d, null).object(), "an opaque liver hides the lesion");
        SceneObjectsOpacity.set(s, 0, 0.3f);
        Hit lesion = s.pick(o, d, null);
        assertEquals(1, lesion.object(), "liver at 0.3: the lesion inside is picked");
        assertEquals(C.y - 12, lesion.point().y, 0.05, "on the lesion's front surface");
        SceneObjectsOpacity.set(s, 0, Scene.SEE_THROUGH);
        assertEquals(0, s.pick(o, d, null).object(), "at the threshold the liver counts as solid");
        SceneObjectsOpacity.set(s, 0, 0.3f);
        SceneObjectsOpacity.set(s, 1, 0.3f);
        assertEquals(0, s.pick(o, d, null).object(), "only see-through surfaces: the nearest wins");
        s.objects().get(1).setVisible(false);
        SceneObjectsOpacity.set(s, 0, 0.3f);
        Hit liver = s.pick(o, d, null);
        assertEquals(0, liver.object(), "nothing solid behind: the see-through liver itself");
        assertEquals(C.y - 60, liver.point().y, 0.1, "its front wall");
    }

    /** Sets an object's opacity (the test is in another package than SceneObject's callers). */
    static final class SceneObjectsOpacity {
        static void set(Scene s, int i, float a) {
            s.objects().get(i).setOpacity(a);
        }
    }
}
