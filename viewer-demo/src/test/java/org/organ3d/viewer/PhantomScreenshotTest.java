package org.organ3d.viewer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import org.joml.Vector3d;
import org.joml.Vector3f;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.organ3d.testdata.phantom.PhantomGenerator;
import org.organ3d.testdata.phantom.PhantomGrid;
import org.organ3d.testdata.phantom.PhantomStudy;
import org.organ3d.testdata.phantom.StructureTruth;
import org.organ3d.testkit.RequiresDevice;

/**
 * The small abdominal phantom's truth label map through the viewer's loader and offscreen renderer:
 * each organ's true centroid, projected with the same camera, must show a colour near that organ's.
 */
@Tag("gl")
@RequiresDevice(value = "gl", probe = GlProbe.class)
class PhantomScreenshotTest {

    @Test
    void organsAppearWhereTheirTrueCentroidsProject() {
        PhantomStudy study = PhantomGenerator.generate(PhantomGrid.SMALL);
        List<SceneObject> objs = SceneLoader.labelObjects(study.labels(), (s, f) -> { });
        Scene scene = new Scene();
        objs.forEach(scene::add);
        int w = 320;
        int h = 240;
        try (OffscreenRenderer r = new OffscreenRenderer()) {
            Camera cam = OffscreenRenderer.frame(scene, ViewPreset.ANTERIOR);
            BufferedImage img = r.render(scene, cam, StereoMode.OFF, w, h, null);
            int checked = 0;
            for (SceneObject o : objs) {
                StructureTruth t = study.truth(o.source().label());
                // Only organs not hidden behind another one in the anterior view (the lesion is inside the liver).
                if (t.name().contains("lesion") || t.name().contains("vertebra")) {
                    continue;
                }
                Vector3d c = t.centroidLps();
                Vector3f p = cam.project(new Vector3f((float) c.x, (float) c.y, (float) c.z), 0, w, h, new Vector3f());
                int rgb = img.getRGB(Math.round(p.x), Math.round(p.y));
                float[] want = o.rgba();
                double dot = cosine(rgb, want);
                assertTrue(dot > 0.97, t.name() + " at " + p + ": pixel " + Integer.toHexString(rgb) + " vs colour "
                        + Integer.toHexString(o.source().rgba()) + " (cosine " + dot + ")");
                checked++;
            }
            assertTrue(checked >= 4, "organs checked: " + checked);
            scene.deleteGpu();
        }
    }

    /** Cosine between the pixel's RGB and the organ colour: shading scales brightness, not hue. */
    static double cosine(int rgb, float[] c) {
        double r = (rgb >> 16 & 0xFF) / 255.0;
        double g = (rgb >> 8 & 0xFF) / 255.0;
        double b = (rgb & 0xFF) / 255.0;
        return (r * c[0] + g * c[1] + b * c[2]) / Math.sqrt((r * r + g * g + b * b) * (c[0] * c[0] + c[1] * c[1] + c[2] * c[2]));
    }
}
