package org.organ3d.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.joml.Vector3d;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.organ3d.testdata.phantom.PhantomStudy;
import org.organ3d.testkit.RequiresDevice;
import org.organ3d.viewer.measure.StudyReference;
import org.organ3d.viewer.slice.SliceSource;
import org.organ3d.viewer.slice.SliceView;
import org.organ3d.viewer.slice.WindowLevel;
import org.organ3d.volume.Volume;

/**
 * The 2×2 layout on the demo study with the crosshair at a known LPS point (the lesion's centre
 * voxel): in each slice pane the pixel under the crosshair, and pixels elsewhere, show the CT value
 * of the voxel at that pixel's LPS point through the window (the CPU volume is the witness, not the
 * GPU texture); with the label map drawn, the crosshair pixel is that grey mixed with the lesion's
 * colour.
 */
@Tag("gl")
@RequiresDevice(value = "gl", probe = GlProbe.class)
class SliceViewScreenshotTest {

    static final int W = 480;
    static final int H = 360;

    @Test
    void thePixelUnderTheCrosshairInEachPaneIsTheVolumesValueThere() {
        PhantomStudy st = DemoPhantom.small();
        Volume ct = st.ct();
        Vector3d idx = ct.geometry().patientToIndex(DemoPhantom.LESION_CENTRE);
        Vector3d target = ct.geometry().indexToPatient(Math.rint(idx.x), Math.rint(idx.y), Math.rint(idx.z));
        Scene scene = new Scene();
        ViewerState state = new ViewerState(scene);
        LoadedScene loaded = new LoadedScene(List.of(), new SliceSource(ct, Map.of("modality", "CT"), st.labels()),
                StudyReference.NONE, List.of(), "demo");
        state.adopt(loaded, ViewerOptions.builder(List.of(Path.of("demo"))).crosshair(target)
                .window(WindowLevel.Preset.LIVER.window()).build());
        assertEquals(ViewLayout.FOUR_UP, state.layout, "an image: 2x2 by default");
        state.labelFill = 0;
        state.labelOutline = 0;
        WindowLevel wl = state.window;
        int[] rect = new int[4];
        try (OffscreenRenderer r = new OffscreenRenderer()) {
            Camera cam = Screenshot.camera(scene, state, ViewPreset.ANTERIOR);
            BufferedImage img = r.render(state, cam, W, H, null);
            int checked = 0;
            for (int p = 1; p <= 3; p++) {
                ViewLayout.FOUR_UP.pane(p, W, H, rect);
                SliceView v = state.slices[p - 1];
                Vector3d c = v.toPane(target, new Vector3d());
                int px = (int) Math.floor(c.x);
                int py = (int) Math.floor(c.y);
                Vector3d at = v.toLps(px + 0.5, py + 0.5, new Vector3d());
                double value = state.slicesSource.value(at);
                assertEquals(ct.value((int) Math.rint(idx.x), (int) Math.rint(idx.y), (int) Math.rint(idx.z)), value, 0,
                        v.orientation() + ": the crosshair pixel's centre lies in the crosshair's voxel");
                expectGrey(img, rect[0] + px, rect[1] + py, wl.grey(value), v.orientation() + " crosshair");
                checked++;
                // pixels away from the crosshair lines and the text: a few spread over the pane
                for (double[] f : new double[][] {{0.3, 0.35}, {0.7, 0.4}, {0.55, 0.62}, {0.2, 0.6}}) {
                    int qx = (int) (rect[2] * f[0]);
                    int qy = (int) (rect[3] * f[1]);
                    if (Math.abs(qx - c.x) < 4 || Math.abs(qy - c.y) < 4) {
                        continue;
                    }
                    double val = state.slicesSource.value(v.toLps(qx + 0.5, qy + 0.5, new Vector3d()));
                    expectGrey(img, rect[0] + qx, rect[1] + qy, Double.isNaN(val) ? 0 : wl.grey(val),
                            v.orientation() + " pixel " + qx + "," + qy);
                    checked++;
                }
            }
            assertTrue(checked >= 12, "pixels checked: " + checked);
            // the label map: the lesion's colour mixed in at 0.5
            state.labelFill = 0.5f;
            BufferedImage labelled = r.render(state, cam, W, H, null);
            ViewLayout.FOUR_UP.pane(1, W, H, rect);
            Vector3d c = state.slices[0].toPane(target, new Vector3d());
            int rgb = labelled.getRGB(rect[0] + (int) c.x, rect[1] + (int) c.y);
            float[] lesion = st.labels().info(7).orElseThrow().colorFloats();
            double grey = wl.grey(state.slicesSource.value(state.slices[0].toLps(Math.floor(c.x) + 0.5,
                    Math.floor(c.y) + 0.5, new Vector3d())));
            assertEquals(255 * (grey * 0.5 + lesion[0] * 0.5), rgb >> 16 & 0xFF, 2, "red: grey and lesion colour mixed");
            assertEquals(255 * (grey * 0.5 + lesion[2] * 0.5), rgb & 0xFF, 2, "blue");
        }
    }

    static void expectGrey(BufferedImage img, int x, int y, double grey, String what) {
        int rgb = img.getRGB(x, y);
        int r = rgb >> 16 & 0xFF;
        int g = rgb >> 8 & 0xFF;
        int b = rgb & 0xFF;
        assertEquals(255 * grey, r, 1.01, what + ": " + Integer.toHexString(rgb));
        assertEquals(r, g, what + ": grey");
        assertEquals(r, b, what + ": grey");
    }
}
