package org.organ3d.viewer;

import java.util.Locale;

/**
 * How the window is divided. In {@link #FOUR_UP} (3D Slicer's "four-up"): axial top-left, 3D
 * top-right, sagittal bottom-left, coronal bottom-right, each a quarter of the window.
 */
public enum ViewLayout {
    /** The 3D view fills the window. */
    THREE_D("3d"),
    /** Axial, 3D, sagittal and coronal panes, 2 × 2. */
    FOUR_UP("2x2");

    private final String cliName;

    ViewLayout(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    /** "3d" or "2x2" (also "four-up"). */
    public static ViewLayout parse(String s) {
        String n = s.trim().toLowerCase(Locale.ROOT);
        for (ViewLayout l : values()) {
            if (l.cliName.equals(n)) {
                return l;
            }
        }
        if (n.equals("four-up") || n.equals("fourup")) {
            return FOUR_UP;
        }
        throw new IllegalArgumentException("unknown layout '" + s + "' (3d or 2x2)");
    }

    /**
     * The rectangle of pane {@code p} in a w×h window into {@code dest} (x, y from the top-left,
     * width, height; window pixels): p = 0 the 3D view, 1 axial, 2 sagittal, 3 coronal. Returns false
     * when this layout has no such pane.
     */
    public boolean pane(int p, int w, int h, int[] dest) {
        if (this == THREE_D) {
            dest[0] = 0;
            dest[1] = 0;
            dest[2] = w;
            dest[3] = h;
            return p == 0;
        }
        int hw = w / 2;
        int hh = h / 2;
        dest[0] = p == 0 || p == 3 ? hw : 0;
        dest[1] = p >= 2 ? hh : 0;
        dest[2] = p == 0 || p == 3 ? w - hw : hw;
        dest[3] = p >= 2 ? h - hh : hh;
        return p >= 0 && p <= 3;
    }

    /** Which pane holds window point (x, y) (top-left origin): 0 3D, 1 axial, 2 sagittal, 3 coronal. */
    public int paneAt(double x, double y, int w, int h) {
        if (this == THREE_D) {
            return 0;
        }
        boolean right = x >= w / 2;
        boolean bottom = y >= h / 2;
        return !bottom ? (right ? 0 : 1) : (right ? 3 : 2);
    }
}
