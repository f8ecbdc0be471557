package org.organ3d.viewer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.joml.Vector3f;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.organ3d.testdata.phantom.PhantomStudy;
import org.organ3d.testkit.RequiresDevice;
import org.organ3d.viewer.measure.StudyReference;
import org.organ3d.viewer.raycast.TransferFunction;
import org.organ3d.viewer.slice.SliceSource;

/**
 * Volume rendering of the demo CT, anterior view: the picture is not blank, and where the rays
 * meet a vertebral body (700 HU) it is brighter than where they cross only soft tissue (the liver,
 * 110 HU) — with the bone preset (liver invisible) and with the soft-tissue preset (liver visible).
 */
@Tag("gl")
@RequiresDevice(value = "gl", probe = GlProbe.class)
class VolumeRenderingTest {

    static final int W = 320;
    static final int H = 240;

    @Test
    void boneIsBrighterThanSoftTissueAndThePictureIsNotBlank() {
        PhantomStudy st = DemoPhantom.small();
        Scene scene = new Scene();
        ViewerState state = new ViewerState(scene);
        LoadedScene loaded = new LoadedScene(List.of(), new SliceSource(st.ct(), Map.of("modality", "CT"), null),
                StudyReference.NONE, List.of(), "demo");
        state.adopt(loaded, ViewerOptions.builder(List.of(Path.of("demo"))).layout(ViewLayout.THREE_D).build());
        assertTrue(state.volumeRendering != null, "an image without surfaces is volume rendered from the start");
        try (OffscreenRenderer r = new OffscreenRenderer()) {
            Camera cam = Screenshot.camera(scene, state, ViewPreset.ANTERIOR);
            // a vertebral body (centre x 0, y 75, z 45) and the liver's centre, both on the slice z = 45
            Vector3f spine = cam.project(new Vector3f(0, 75, 45), 0, W, H, new Vector3f());
            Vector3f liver = cam.project(new Vector3f(-58, -14, 45), 0, W, H, new Vector3f());
            Vector3f corner = new Vector3f(4, 4, 0);
            for (TransferFunction.Preset p : TransferFunction.Preset.values()) {
                state.volumeRendering = TransferFunction.ct(p);
                BufferedImage img = r.render(state, cam, W, H, null);
                double bg = luminance(img, corner);
                long lit = 0;
                for (int y = 0; y < H; y += 2) {
                    for (int x = 0; x < W; x += 2) {
                        if (luminance(img, new Vector3f(x, y, 0)) > bg + 30) {
                            lit++;
                        }
                    }
                }
                double bone = luminance(img, spine);
                double soft = luminance(img, liver);
                System.out.printf("%s: bone %.0f, liver %.0f, background %.0f, lit %d%n", p, bone, soft, bg, lit);
                assertTrue(lit > 300, p + ": not blank (" + lit + " lit samples)");
                assertTrue(bone > soft + 40, p + ": bone " + bone + " brighter than soft tissue " + soft);
                assertTrue(bone > bg + 80, p + ": bone stands out from the background");
                if (p == TransferFunction.Preset.SOFT_TISSUE) {
                    assertTrue(soft > bg + 10, "soft-tissue preset: the liver is visible (" + soft + " vs " + bg + ")");
                }
            }
        }
    }

    /** Mean luminance of the 3×3 pixels around p. */
    static double luminance(BufferedImage img, Vector3f p) {
        double sum = 0;
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                int x = Math.max(0, Math.min(img.getWidth() - 1, Math.round(p.x) + dx));
                int y = Math.max(0, Math.min(img.getHeight() - 1, Math.round(p.y) + dy));
                int rgb = img.getRGB(x, y);
                sum += 0.2126 * (rgb >> 16 & 0xFF) + 0.7152 * (rgb >> 8 & 0xFF) + 0.0722 * (rgb & 0xFF);
            }
        }
        return sum / 9;
    }
}
