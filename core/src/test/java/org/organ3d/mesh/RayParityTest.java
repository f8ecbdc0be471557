package org.organ3d.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RayParityTest {

    @Test
    void agreesWithAnalyticTorusAndSphere() {
        Mesh torus = MeshPrimitives.torus(1, 2, 3, 20, 7, 96, 48);
        Mesh sphere = MeshPrimitives.icosphere(-5, 4, 2, 15, 4);
        RayParity t = RayParity.of(PositionArrays.toDouble(torus.positionsCopy()), torus.indicesCopy());
        RayParity s = RayParity.of(PositionArrays.toDouble(sphere.positionsCopy()), sphere.indicesCopy());
        SplittableRandom rnd = new SplittableRandom(11);
        int checked = 0;
        for (int i = 0; i < 20000; i++) {
            double[] p = {rnd.nextDouble(-35, 35), rnd.nextDouble(-35, 35), rnd.nextDouble(-15, 15)};
            double q = Math.hypot(p[0] - 1, p[1] - 2) - 20;
            double dt = Math.hypot(q, p[2] - 3) - 7;
            if (Math.abs(dt) > 0.2) {
                assertEquals(dt < 0, t.inside(p), "torus at " + java.util.Arrays.toString(p));
                checked++;
            }
            double ds = Math.sqrt(Math.pow(p[0] + 5, 2) + Math.pow(p[1] - 4, 2) + Math.pow(p[2] - 2, 2)) - 15;
            if (Math.abs(ds) > 0.2) {
                assertEquals(ds < 0, s.inside(p), "sphere at " + java.util.Arrays.toString(p));
            }
        }
        assertEquals(true, checked > 15000);
    }
}
