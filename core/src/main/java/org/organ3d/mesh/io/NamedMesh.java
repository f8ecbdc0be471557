package org.organ3d.mesh.io;

import java.util.Objects;
import org.organ3d.mesh.Mesh;
import org.organ3d.volume.LabelInfo;

/**
 * One organ's surface with its label value, name and display colour, as the exporters write it.
 *
 * @param label label value (1..65535), or 0 for a surface that belongs to no label (an isosurface)
 * @param name  organ name (null becomes empty; control characters such as tabs or line breaks,
 *              which would break the text headers, become spaces)
 * @param rgba  display colour as 0xRRGGBBAA (sRGB; alpha is the opacity)
 * @param mesh  the surface in LPS mm
 */
public record NamedMesh(int label, String name, int rgba, Mesh mesh) {

    public NamedMesh {
        if (label < 0 || label > 65535) {
            throw new IllegalArgumentException("label must be 0..65535: " + label);
        }
        name = name == null ? "" : name.replaceAll("\\p{Cntrl}", " ");
        Objects.requireNonNull(mesh, "mesh");
    }

    /** The mesh of one label, with the label's name and colour. */
    public static NamedMesh of(LabelInfo info, Mesh mesh) {
        return new NamedMesh(info.value(), info.name(), info.rgba(), mesh);
    }

    /** The name, or {@code label_N} (or {@code surface} for label 0) when the name is empty. */
    public String displayName() {
        if (!name.isBlank()) {
            return name;
        }
        return label == 0 ? "surface" : "label_" + label;
    }

    /** The display name with every character outside [A-Za-z0-9_.-] replaced by '_' (for OBJ/MTL). */
    public String identifier() {
        return displayName().replaceAll("[^A-Za-z0-9_.\\-]", "_");
    }

    /** Red, green, blue, alpha in 0..1. */
    public float[] colorFloats() {
        return new float[] {((rgba >>> 24) & 0xFF) / 255f, ((rgba >>> 16) & 0xFF) / 255f, ((rgba >>> 8) & 0xFF) / 255f,
            (rgba & 0xFF) / 255f};
    }
}
