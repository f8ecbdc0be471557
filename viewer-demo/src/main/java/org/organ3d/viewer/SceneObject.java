package org.organ3d.viewer;

import java.util.Objects;
import org.joml.Vector3f;
import org.organ3d.mesh.Mesh;
import org.organ3d.mesh.VertexNormals;
import org.organ3d.mesh.io.NamedMesh;
import org.organ3d.viewer.render.GpuMesh;

/**
 * One organ in the scene: its surface (LPS mm), display state (colour, opacity, visibility) and the
 * facts shown when it is clicked. Made on any thread (the loader's: vertex normals for display are
 * computed here when the mesh has none); display state is changed on the render thread only.
 */
public final class SceneObject {

    private final NamedMesh source;
    private final OrganInfo info;
    private final Vector3f min = new Vector3f(Float.POSITIVE_INFINITY);
    private final Vector3f max = new Vector3f(Float.NEGATIVE_INFINITY);
    private final float[] rgba;
    private final boolean fromLabelMap;
    private boolean visible = true;
    private GpuMesh gpu;
    private float[] normals;

    /** An organ from a mesh file or an isosurface. */
    public SceneObject(NamedMesh source, OrganInfo info) {
        this(source, info, false);
    }

    /**
     * @param fromLabelMap true when {@code source.label()} is a label of the label map on display (the
     *                     slice views then draw that label in this object's colour)
     */
    public SceneObject(NamedMesh source, OrganInfo info, boolean fromLabelMap) {
        this.fromLabelMap = fromLabelMap;
        this.source = Objects.requireNonNull(source, "source");
        this.info = Objects.requireNonNull(info, "info");
        this.rgba = source.colorFloats();
        Mesh m = source.mesh();
        // NB: normals for display are made here, on the loader's thread, so the render thread only uploads
        normals = m.hasNormals() || m.isEmpty() ? null : VertexNormals.areaWeighted(m.positionsCopy(), m.indicesCopy());
        Vector3f v = new Vector3f();
        for (int i = 0; i < m.vertexCount(); i++) {
            m.vertex(i, v);
            min.min(v);
            max.max(v);
        }
    }

    public NamedMesh source() {
        return source;
    }

    public Mesh mesh() {
        return source.mesh();
    }

    /** True when this is the surface of a label of the label map on display ({@code source().label()}). */
    public boolean fromLabelMap() {
        return fromLabelMap;
    }

    public String name() {
        return source.displayName();
    }

    public OrganInfo info() {
        return info;
    }

    public Vector3f min() {
        return min;
    }

    public Vector3f max() {
        return max;
    }

    /** Red, green, blue, opacity in 0..1 (sRGB); the array is live. */
    public float[] rgba() {
        return rgba;
    }

    public float opacity() {
        return rgba[3];
    }

    public void setOpacity(float a) {
        rgba[3] = Math.max(0.05f, Math.min(1f, a));
    }

    public boolean isVisible() {
        return visible;
    }

    public void setVisible(boolean v) {
        visible = v;
    }

    public boolean isTransparent() {
        return rgba[3] < 0.999f;
    }

    /** The GPU copy, created on the GL thread by {@link #upload()}. */
    public GpuMesh gpu() {
        return gpu;
    }

    public void upload() {
        if (gpu == null && !source.mesh().isEmpty()) {
            gpu = new GpuMesh(source.mesh(), normals);
            normals = null;
        }
    }

    public void deleteGpu() {
        if (gpu != null) {
            gpu.delete();
            gpu = null;
        }
    }
}
