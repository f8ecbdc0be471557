package org.organ3d.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.joml.Vector3d;
import org.joml.Vector4f;
import org.junit.jupiter.api.Test;

class ClipPlaneTest {

    @Test
    void axisPlanesSayWhereTheyAreInMillimetresAndWhichSideTheyKeep() {
        ClipPlane c = new ClipPlane();
        assertEquals("clip off", c.describe());
        assertNull(c.equation(new Vector4f()));
        c.axis(ClipPlane.Kind.AXIAL, new Vector3d(-75, -15, 50.25), false);
        assertEquals("clip axial S 50.3 mm, keeps superior", c.describe());
        c.move(-60.25);
        assertEquals("clip axial I 10.0 mm, keeps superior", c.describe());
        c.flip();
        assertEquals("clip axial I 10.0 mm, keeps inferior", c.describe());
        assertEquals(5, c.distance(new Vector3d(3, 4, -15)), 1e-12, "inferior of the plane is kept (positive)");
        Vector4f e = c.equation(new Vector4f());
        assertEquals(5, e.x * 3 + e.y * 4 + e.z * -15 + e.w, 1e-5, "the equation agrees with distance()");
        c.axis(ClipPlane.Kind.SAGITTAL, new Vector3d(-75, 0, 0), false);
        assertEquals("clip sagittal R 75.0 mm, keeps left", c.describe());
        c.axis(ClipPlane.Kind.CORONAL, new Vector3d(0, -15, 0), true);
        assertEquals("clip coronal A 15.0 mm, keeps anterior", c.describe());
    }

    @Test
    void tiltingMakesThePlaneObliqueThroughTheSamePoint() {
        ClipPlane c = new ClipPlane();
        Vector3d p = new Vector3d(10, 20, 30);
        c.axis(ClipPlane.Kind.AXIAL, p, false);
        c.tilt(new Vector3d(1, 0, 0), 30);
        assertEquals(ClipPlane.Kind.OBLIQUE, c.kind());
        assertEquals(0, c.distance(p), 1e-12, "the point stays on the plane");
        assertEquals(Math.cos(Math.toRadians(30)), c.normal().z(), 1e-12);
        assertEquals("clip oblique through (10.0, 20.0, 30.0) mm LPS, normal (0.00, -0.50, 0.87)", c.describe());
        c.tilt(new Vector3d(1, 0, 0), -30);
        assertEquals(ClipPlane.Kind.AXIAL, c.kind(), "tilted back it is axial again");
    }
}
