package org.organ3d.viewer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.joml.Vector3d;
import org.joml.Vector3f;
import org.joml.Vector4fc;
import org.organ3d.mesh.Mesh;
import org.organ3d.mesh.io.NamedMesh;
import org.organ3d.viewer.pick.Hit;
import org.organ3d.viewer.pick.TriangleBvh;

/**
 * The organs on display plus their picking BVH. Objects are added on the render thread (from the
 * loader's results); the BVH is rebuilt when the set changes ({@link #setPicking}, usually built on a
 * worker thread). Not thread-safe beyond that hand-over.
 */
public final class Scene {

    /** Surfaces with opacity below this are looked through by picking (see {@link #pick}). */
    public static final float SEE_THROUGH = 0.5f;

    private final List<SceneObject> objects = new ArrayList<>();
    private final List<SceneObject> view = Collections.unmodifiableList(objects);
    private volatile TriangleBvh bvh;
    private volatile int bvhSize;
    private boolean[] enabled = new boolean[0];

    /** A scene of meshes with surface-derived organ facts (no picking BVH yet: see {@link #withPicking()}). */
    public static Scene ofMeshes(List<NamedMesh> meshes) {
        Scene s = new Scene();
        for (NamedMesh m : meshes) {
            s.add(new SceneObject(m, OrganInfo.ofSurface(m.displayName(), m.mesh())));
        }
        return s;
    }

    /** Builds the picking BVH over the current objects on the calling thread; returns this. */
    public Scene withPicking() {
        setPicking(buildPicking(objects));
        return this;
    }

    public void add(SceneObject o) {
        objects.add(o);
    }

    /** A live read-only view of the objects (the same instance every call: no per-frame allocation). */
    public List<SceneObject> objects() {
        return view;
    }

    public boolean isEmpty() {
        return objects.isEmpty();
    }

    /** A BVH for the given objects (any thread). */
    public static TriangleBvh buildPicking(List<SceneObject> list) {
        List<Mesh> meshes = new ArrayList<>(list.size());
        for (SceneObject o : list) {
            meshes.add(o.mesh());
        }
        return new TriangleBvh(meshes);
    }

    /** Installs a BVH built over the first {@code objects().size()} objects at the time of the call. */
    public void setPicking(TriangleBvh b) {
        bvh = b;
        bvhSize = objects.size();
    }

    /** True once the picking BVH is installed ({@link #pick} returns null before). */
    public boolean isPickingReady() {
        return bvh != null;
    }

    /**
     * The surface a click at this ray means, honouring visibility and the clipping plane (null: none),
     * or null (nothing hit, or the BVH not built yet).
     *
     * <p>The opacity rule: surfaces drawn with opacity below {@value #SEE_THROUGH} are looked through.
     * The nearest hit on a visible surface with opacity of at least {@value #SEE_THROUGH} wins, even
     * when see-through surfaces lie in front of it (a lesion inside a liver at opacity 0.3 is picked,
     * not the liver's front wall). Only when the ray meets no such surface is the nearest see-through
     * surface picked. Points on the cut-away side of the clipping plane are never picked.
     */
    public Hit pick(Vector3f origin, Vector3f dir, Vector4fc clip) {
        TriangleBvh b = bvh;
        if (b == null) {
            return null;
        }
        int n = bvhSize;
        if (enabled.length != n) {
            enabled = new boolean[n];
        }
        Vector3d o = new Vector3d(origin);
        Vector3d d = new Vector3d(dir);
        boolean anySeeThrough = false;
        for (int i = 0; i < n; i++) {
            SceneObject obj = objects.get(i);
            boolean seeThrough = obj.opacity() < SEE_THROUGH;
            anySeeThrough |= obj.isVisible() && seeThrough;
            enabled[i] = obj.isVisible() && !seeThrough;
        }
        Hit solid = b.intersect(o, d, enabled, clip);
        if (solid != null || !anySeeThrough) {
            return solid;
        }
        for (int i = 0; i < n; i++) {
            enabled[i] = objects.get(i).isVisible();
        }
        return b.intersect(o, d, enabled, clip);
    }

    /** Bounding box of the visible objects (all objects when none is visible) into min and max. */
    public boolean bounds(Vector3f min, Vector3f max) {
        min.set(Float.POSITIVE_INFINITY);
        max.set(Float.NEGATIVE_INFINITY);
        for (SceneObject o : objects) {
            if (o.isVisible() && o.min().x <= o.max().x) {
                min.min(o.min());
                max.max(o.max());
            }
        }
        if (min.x > max.x) {
            for (SceneObject o : objects) {
                if (o.min().x <= o.max().x) {
                    min.min(o.min());
                    max.max(o.max());
                }
            }
        }
        return min.x <= max.x;
    }

    public void uploadAll() {
        for (int i = 0, n = objects.size(); i < n; i++) {
            objects.get(i).upload();
        }
    }

    public void deleteGpu() {
        for (SceneObject o : objects) {
            o.deleteGpu();
        }
    }
}
