package org.organ3d.viewer;

import static org.lwjgl.opengl.GL11C.*;

import java.util.List;
import org.joml.Matrix4f;
import org.joml.Vector3d;
import org.joml.Vector4f;
import org.organ3d.viewer.raycast.VolumeRaycaster;
import org.organ3d.viewer.render.ViewLayer;
import org.organ3d.viewer.slice.ImageTexture;
import org.organ3d.viewer.slice.LabelTexture;
import org.organ3d.viewer.slice.SliceOrientation;
import org.organ3d.viewer.slice.SliceRenderer;
import org.organ3d.viewer.slice.SliceSource;
import org.organ3d.viewer.slice.SliceView;

/**
 * The image and label map on the GPU and everything drawn from them: the slice panes, the three
 * slice planes inside the 3D view and the volume rendering ({@link ViewLayer} for
 * {@link org.organ3d.viewer.render.SceneRenderer}). Textures are uploaded when the state first has
 * a {@link SliceSource}; label colours follow the organs' colours and visibility every frame (an
 * upload only when one changed). Allocation-free per frame. GL thread only; {@link #delete()}
 * frees everything.
 */
public final class VolumeLayer implements ViewLayer {

    private final ViewerState state;
    private final SliceRenderer slices = new SliceRenderer();
    private final VolumeRaycaster raycaster = new VolumeRaycaster();
    private final SliceRenderer.Layers layers = new SliceRenderer.Layers();
    private final Vector3d[] quad = {new Vector3d(), new Vector3d(), new Vector3d(), new Vector3d()};
    private final Vector3d stepRight = new Vector3d();
    private final Vector3d stepDown = new Vector3d();
    private final Vector3d centre = new Vector3d();
    private final Vector3d half = new Vector3d();
    private final Matrix4f mvp = new Matrix4f();
    private final Vector4f clip = new Vector4f();
    private SliceSource source;
    private ImageTexture image;
    private LabelTexture labels;
    private float stepMm = 1;
    private float voxelMm = 1;

    public VolumeLayer(ViewerState state) {
        this.state = state;
    }

    /** Uploads the state's image and labels if they are new; returns false when there are none. */
    public boolean sync() {
        SliceSource s = state.slicesSource;
        if (s != source) {
            freeTextures();
            source = s;
            if (s != null) {
                image = s.image() != null ? new ImageTexture(s.image()) : null;
                try {
                    labels = s.labels() != null ? new LabelTexture(s.labels()) : null;
                } catch (IllegalStateException e) {   // beyond the driver's 3D texture size: no overlay, say so
                    labels = null;
                    state.message(ViewerState.Level.WARNING, "label map not drawn in the slices: " + e.getMessage());
                }
                if (labels != null) {
                    // NB: every named label in its file colour, so labels without a surface show too; the
                    // organs' own colours (and visibility) override below. No pass over the voxels here.
                    for (var info : s.labels().info().values()) {
                        int c = info.rgba();
                        labels.setColour(info.value(), (c >>> 24) / 255f, (c >>> 16 & 0xFF) / 255f, (c >>> 8 & 0xFF) / 255f, 1f);
                    }
                }
                var sp = s.image() != null ? s.image().geometry().spacing() : s.labels().geometry().spacing();
                voxelMm = (float) Math.min(sp.x, Math.min(sp.y, sp.z));
                stepMm = voxelMm * 0.5f;
                if (image != null && image.subsampled()) {
                    state.message(ViewerState.Level.WARNING, "the image is larger than the GPU's 3D texture limit: "
                            + "slices and volume rendering show every n-th voxel (read-outs stay exact)");
                }
            }
        }
        if (source == null) {
            return false;
        }
        if (labels != null) {
            List<SceneObject> objs = state.scene.objects();
            for (int i = 0, n = objs.size(); i < n; i++) {
                SceneObject o = objs.get(i);
                if (o.fromLabelMap()) {
                    float[] c = o.rgba();
                    labels.setColour(o.source().label(), c[0], c[1], c[2], o.isVisible() ? 1f : 0f);
                }
            }
        }
        layers.image = image;
        layers.labels = labels;
        layers.window = state.window;
        layers.fill = state.labelFill;
        layers.outline = state.labelOutline;
        return true;
    }

    /** True once textures exist for the state's source. */
    public boolean ready() {
        return source != null && source == state.slicesSource;
    }

    /**
     * Draws slice pane {@code view} into the current framebuffer's viewport (set by the caller to the
     * pane): the plane through the crosshair.
     */
    public void drawPane(SliceView view) {
        if (!ready()) {
            return;
        }
        view.corners(quad);
        view.paneToNdc(mvp);
        double mm = view.mmPerPixel();
        stepRight.set(view.orientation().right()).mul(mm);
        stepDown.set(view.orientation().down()).mul(mm);
        glDisable(GL_DEPTH_TEST);
        glDisable(GL_BLEND);
        glDisable(GL_CULL_FACE);
        slices.draw(mvp, quad, layers, stepRight, stepDown, false, null);
    }

    @Override
    public void opaque(Matrix4f view, Matrix4f proj) {
        if (!ready() || !state.slicePlanesIn3d || state.layout != ViewLayout.FOUR_UP) {
            return;
        }
        proj.mul(view, mvp);
        Vector4f c = state.clipPlane(clip);
        glEnable(GL_DEPTH_TEST);
        glDepthMask(true);
        glDisable(GL_BLEND);
        glDisable(GL_CULL_FACE);
        source.min().add(source.max(), centre).mul(0.5);
        source.max().sub(source.min(), half).mul(0.5);
        for (SliceOrientation o : SliceOrientation.all()) {
            double r = Math.abs(half.dot(o.right()));
            double d = Math.abs(half.dot(o.down()));
            int a = o.axis();
            for (int q = 0; q < 4; q++) {
                quad[q].set(centre).fma((q & 1) == 0 ? -r : r, o.right()).fma((q & 2) == 0 ? -d : d, o.down());
                quad[q].setComponent(a, state.cursor.get(a));
            }
            stepRight.set(o.right()).mul(voxelMm);
            stepDown.set(o.down()).mul(voxelMm);
            slices.draw(mvp, quad, layers, stepRight, stepDown, true, c);
        }
    }

    @Override
    public boolean wantsVolume() {
        return ready() && image != null && state.volumeRendering != null;
    }

    @Override
    public void volume(Matrix4f view, Matrix4f proj, int depthTexture, int x, int y, int w, int h) {
        raycaster.draw(image, state.volumeRendering, view, proj, depthTexture, x, y, w, h, state.clipPlane(clip), stepMm);
    }

    private void freeTextures() {
        if (image != null) {
            image.delete();
            image = null;
        }
        if (labels != null) {
            labels.delete();
            labels = null;
        }
    }

    public void delete() {
        freeTextures();
        slices.delete();
        raycaster.delete();
    }
}
