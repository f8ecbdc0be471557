package org.organ3d.viewer;

import java.util.Objects;
import org.joml.Vector3d;
import org.organ3d.measure.LabelMeasurement;
import org.organ3d.mesh.Mesh;
import org.organ3d.mesh.MeshProperties;

/**
 * What a click on an organ shows.
 *
 * @param name        organ name
 * @param volumeMm3   volume in mm³
 * @param centroidLps centroid, LPS mm
 * @param source      where the two numbers come from (e.g. "label map voxels (measure)")
 */
public record OrganInfo(String name, double volumeMm3, Vector3d centroidLps, String source) {

    public OrganInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(centroidLps, "centroidLps");
        Objects.requireNonNull(source, "source");
    }

    /** From the library's label measurement: voxel-counting volume and voxel-centre centroid. */
    public static OrganInfo of(LabelMeasurement m, String name) {
        return new OrganInfo(name, m.volumeMm3(),
                new Vector3d(m.centroidLps().x(), m.centroidLps().y(), m.centroidLps().z()),
                "label map voxels (organ3d measure)");
    }

    /** From the surface: enclosed volume by the divergence theorem (meaningful for closed surfaces). */
    public static OrganInfo ofSurface(String name, Mesh mesh) {
        MeshProperties p = MeshProperties.of(mesh);
        return new OrganInfo(name, Math.abs(p.volumeMm3()), new Vector3d(p.centroidX(), p.centroidY(), p.centroidZ()),
                "mesh surface (divergence theorem; valid for a closed surface)");
    }
}
