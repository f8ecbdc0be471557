package org.organ3d.viewer.slice;

import org.joml.Matrix4f;
import org.joml.Vector3d;
import org.joml.Vector3dc;

/**
 * One slice pane's mapping between pane pixels and LPS mm: the plane through the crosshair with the
 * orientation's axes, centred on the data's box (plus a pan), scaled to fit the pane (times a
 * zoom). Pane pixels have the origin at the pane's top-left corner, x right, y down; pixel (x, y)
 * covers [x, x+1) × [y, y+1), so its centre is (x + 0.5, y + 0.5). The GPU reslices with the same
 * numbers ({@link #paneToNdc}), so a pixel shows the voxel whose LPS point {@link #toLps} gives.
 * Render thread only.
 */
public final class SliceView {

    private final SliceOrientation orientation;
    private final Vector3d centre = new Vector3d();
    private final Vector3d tmp = new Vector3d();
    private final Vector3d absRight = new Vector3d();
    private final Vector3d absDown = new Vector3d();
    private final Vector3d extent = new Vector3d();
    private double zoom = 1;
    private double panRight;
    private double panDown;
    private double mmPerPixel = 1;
    private int width = 1;
    private int height = 1;

    public SliceView(SliceOrientation orientation) {
        this.orientation = orientation;
    }

    public SliceOrientation orientation() {
        return orientation;
    }

    /**
     * Fits the box [min, max] (LPS mm) into a w×h pane, then applies zoom and pan; {@code cursor} sets
     * the plane's position along the normal.
     */
    public void layout(int w, int h, Vector3dc min, Vector3dc max, Vector3dc cursor) {
        width = Math.max(1, w);
        height = Math.max(1, h);
        Vector3d r = absRight.set(orientation.right()).absolute();
        Vector3d d = absDown.set(orientation.down()).absolute();
        Vector3d ext = extent.set(max).sub(min);
        double fit = Math.max(ext.dot(r) / width, ext.dot(d) / height) * 1.04;
        mmPerPixel = Math.max(fit, 1e-3) / zoom;
        centre.set(min).add(max).mul(0.5);
        centre.fma(panRight, orientation.right()).fma(panDown, orientation.down());
        Vector3dc n = orientation.normal();
        double along = cursor.dot(n) - centre.dot(n);
        centre.fma(along, n);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Pane pixel size in mm. */
    public double mmPerPixel() {
        return mmPerPixel;
    }

    /** The LPS point at pane position (x, y) (pixels, top-left origin) on the current plane. */
    public Vector3d toLps(double x, double y, Vector3d dest) {
        return dest.set(centre).fma((x - width * 0.5) * mmPerPixel, orientation.right())
                .fma((y - height * 0.5) * mmPerPixel, orientation.down());
    }

    /** Pane position (x, y, pixels) of LPS point {@code p}; z gets its distance from the plane in mm. */
    public Vector3d toPane(Vector3dc p, Vector3d dest) {
        tmp.set(p).sub(centre);
        return dest.set(width * 0.5 + tmp.dot(orientation.right()) / mmPerPixel,
                height * 0.5 + tmp.dot(orientation.down()) / mmPerPixel, tmp.dot(orientation.normal()));
    }

    /** The matrix taking LPS points on the plane to the pane's normalised device coordinates (z = 0). */
    public Matrix4f paneToNdc(Matrix4f dest) {
        Vector3dc r = orientation.right();
        Vector3dc d = orientation.down();
        double sx = 2 / (width * mmPerPixel);
        double sy = -2 / (height * mmPerPixel);
        // JOML order, column by column: ndc.x = sx * (r . (p - c)), ndc.y = sy * (d . (p - c)), ndc.z = 0, w = 1
        return dest.set(
                (float) (sx * r.x()), (float) (sy * d.x()), 0, 0,
                (float) (sx * r.y()), (float) (sy * d.y()), 0, 0,
                (float) (sx * r.z()), (float) (sy * d.z()), 0, 0,
                (float) (-sx * r.dot(centre)), (float) (-sy * d.dot(centre)), 0, 1);
    }

    /** The pane's four corners on the plane (LPS): top-left, top-right, bottom-left, bottom-right. */
    public void corners(Vector3d[] dest) {
        toLps(0, 0, dest[0]);
        toLps(width, 0, dest[1]);
        toLps(0, height, dest[2]);
        toLps(width, height, dest[3]);
    }

    /** Multiplies the zoom (kept within 0.25..40), about the pane's centre. */
    public void zoom(double factor) {
        zoom = Math.max(0.25, Math.min(40, zoom * factor));
    }

    /** Moves the picture by a drag of (dx, dy) pixels. */
    public void pan(double dx, double dy) {
        panRight -= dx * mmPerPixel;
        panDown -= dy * mmPerPixel;
    }

    /** Back to fit (zoom 1, no pan). */
    public void reset() {
        zoom = 1;
        panRight = 0;
        panDown = 0;
    }
}
