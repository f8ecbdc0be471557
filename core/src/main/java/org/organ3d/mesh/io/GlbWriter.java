package org.organ3d.mesh.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.organ3d.io.AtomicFiles;

/**
 * glTF 2.0 binary (GLB): one JSON chunk and one BIN chunk. Per organ one named node, one mesh with
 * one triangle primitive (POSITION and NORMAL as float VEC3 with POSITION min/max, indices as
 * UNSIGNED_INT; one buffer view each, all 4-byte aligned) and one material: PBR metallic-roughness,
 * {@code baseColorFactor} the organ colour (converted from sRGB to linear, as glTF requires) with
 * the opacity as alpha, {@code alphaMode BLEND} when the opacity is below 1, metallic 0, single
 * sided. The label value is in the node's and mesh's {@code extras.label}. Empty meshes are left
 * out.
 *
 * <p>Frame (NB: our choice, stated here and in the file): glTF requires metres, +Y up and a
 * right-handed frame whose front faces +Z. The vertices are first put in the caller's frame F (LPS
 * or RAS, mm, {@link CoordinateSystem}), then mapped with {@code (x, y, z)_glTF = (x, z, −y)_F /
 * 1000}: superior becomes +Y; with LPS the patient's anterior faces +Z (the glTF front) and the
 * patient's left is +X, the view of someone facing the patient; with RAS it is the convention of 3D
 * Slicer's glTF export (right is +X, anterior is −Z). The map is a rotation (determinant +1) times a
 * positive scale, so winding and outward normals are kept. It is applied to the vertex data (no node
 * matrix), and recorded with its inverse in {@code asset.extras} and {@code scenes[0].extras}
 * ({@code sourceFrame}, {@code sourceUnits}, {@code gltfFromSource}, {@code sourceFromGltf},
 * column-major 4×4 as glTF matrices). Atomic; streamed (the JSON is built from counts and bounds
 * first, then the binary data is written straight from the mesh arrays). Stateless.
 */
public final class GlbWriter {

    private static final int GLB_MAGIC = 0x46546C67;
    private static final int CHUNK_JSON = 0x4E4F534A;
    private static final int CHUNK_BIN = 0x004E4942;
    private static final int FLOAT = 5126;
    private static final int UNSIGNED_INT = 5125;
    private static final int ARRAY_BUFFER = 34962;
    private static final int ELEMENT_ARRAY_BUFFER = 34963;

    private GlbWriter() {
    }

    /** Writes {@code meshes} as one GLB and returns its path. */
    public static Path write(Path path, List<NamedMesh> meshes, ExportOptions options) throws IOException {
        CoordinateSystem frame = options.coordinates();
        List<FramedMesh> parts = new ArrayList<>();
        for (NamedMesh m : meshes) {
            if (!m.mesh().isEmpty()) {
                parts.add(toGltf(FramedMesh.of(m, frame)));
            }
        }
        byte[] json = json(parts, frame);
        long binBytes = 0;
        for (FramedMesh p : parts) {
            binBytes += 24L * p.vertexCount() + 12L * p.triangleCount();
        }
        long bin = binBytes;
        long total = 12 + 8 + json.length + 8 + bin;
        if (total > 0xFFFFFFFFL) {
            throw new IOException("GLB larger than 4 GiB: " + total + " bytes");
        }
        AtomicFiles.write(path, os -> {
            LittleEndianOutput out = new LittleEndianOutput(os);
            out.putInt(GLB_MAGIC);
            out.putInt(2);
            out.putInt((int) total);
            out.putInt(json.length);
            out.putInt(CHUNK_JSON);
            out.putBytes(json);
            out.putInt((int) bin);
            out.putInt(CHUNK_BIN);
            for (FramedMesh p : parts) {
                writeFloats(out, p.positions());
                writeFloats(out, p.normals());
                IntBuffer idx = p.indices();
                for (int i = 0; i < idx.limit(); i++) {
                    out.reserve(4).putInt(idx.get(i));
                }
            }
            if (out.position() != total) {
                throw new IllegalStateException("GLB size mismatch: " + out.position() + " != " + total);
            }
            out.flush();
        });
        return path.toAbsolutePath();
    }

    private static void writeFloats(LittleEndianOutput out, float[] a) throws IOException {
        for (int i = 0; i < a.length; i += 3) {
            ByteBuffer b = out.reserve(12);
            b.putFloat(a[i]).putFloat(a[i + 1]).putFloat(a[i + 2]);
        }
    }

    /** Maps a mesh in the frame F (mm) to glTF: (x, z, −y) / 1000; normals (x, z, −y) renormalised. */
    static FramedMesh toGltf(FramedMesh m) {
        float[] p = m.positions();
        float[] n = m.normals();
        float[] gp = new float[p.length];
        float[] gn = new float[n.length];
        for (int i = 0; i < p.length; i += 3) {
            gp[i] = (float) (p[i] / 1000.0);
            gp[i + 1] = (float) (p[i + 2] / 1000.0);
            gp[i + 2] = (float) (-p[i + 1] / 1000.0);
            double nx = n[i];
            double ny = n[i + 2];
            double nz = -n[i + 1];
            double len = Math.sqrt(nx * nx + ny * ny + nz * nz);
            if (!(len > 0) || !Double.isFinite(len)) {
                nx = 0;
                ny = 1;
                nz = 0;
                len = 1;
            }
            gn[i] = (float) (nx / len);
            gn[i + 1] = (float) (ny / len);
            gn[i + 2] = (float) (nz / len);
        }
        return new FramedMesh(m.source(), gp, gn, m.indices());
    }

    private static byte[] json(List<FramedMesh> parts, CoordinateSystem frame) {
        String extras = "{\"sourceFrame\":\"" + frame + "\",\"sourceUnits\":\"mm\","
                + "\"gltfFromSource\":[0.001,0,0,0,0,0,-0.001,0,0,0.001,0,0,0,0,0,1],"
                + "\"sourceFromGltf\":[1000,0,0,0,0,0,1000,0,0,-1000,0,0,0,0,0,1],"
                + "\"note\":\"glTF (x,y,z) = source (x,z,-y) / 1000; source is " + frame + " millimetres\"}";
        StringBuilder nodes = new StringBuilder();
        StringBuilder meshes = new StringBuilder();
        StringBuilder materials = new StringBuilder();
        StringBuilder accessors = new StringBuilder();
        StringBuilder views = new StringBuilder();
        StringBuilder sceneNodes = new StringBuilder();
        long offset = 0;
        for (int i = 0; i < parts.size(); i++) {
            FramedMesh p = parts.get(i);
            NamedMesh m = p.source();
            String name = quote(m.displayName());
            String sep = i == 0 ? "" : ",";
            sceneNodes.append(sep).append(i);
            nodes.append(sep).append("{\"name\":").append(name).append(",\"mesh\":").append(i)
                    .append(",\"extras\":{\"label\":").append(m.label()).append("}}");
            meshes.append(sep).append("{\"name\":").append(name).append(",\"primitives\":[{\"attributes\":{\"POSITION\":")
                    .append(3 * i).append(",\"NORMAL\":").append(3 * i + 1).append("},\"indices\":").append(3 * i + 2)
                    .append(",\"material\":").append(i).append(",\"mode\":4}],\"extras\":{\"label\":")
                    .append(m.label()).append("}}");
            float[] c = m.colorFloats();
            materials.append(sep).append("{\"name\":").append(name).append(",\"pbrMetallicRoughness\":{\"baseColorFactor\":[")
                    .append(linear(c[0])).append(',').append(linear(c[1])).append(',').append(linear(c[2])).append(',')
                    .append((double) c[3]).append("],\"metallicFactor\":0.0,\"roughnessFactor\":0.5}")
                    .append(c[3] < 1 ? ",\"alphaMode\":\"BLEND\"" : "").append(",\"doubleSided\":false}");
            float[] min = new float[3];
            float[] max = new float[3];
            bounds(p.positions(), min, max);
            int nv = p.vertexCount();
            int ni = p.indices().limit();
            accessors.append(sep).append("{\"bufferView\":").append(3 * i).append(",\"componentType\":").append(FLOAT)
                    .append(",\"count\":").append(nv).append(",\"type\":\"VEC3\",\"min\":[").append((double) min[0])
                    .append(',').append((double) min[1]).append(',').append((double) min[2]).append("],\"max\":[")
                    .append((double) max[0]).append(',').append((double) max[1]).append(',').append((double) max[2])
                    .append("]},");
            accessors.append("{\"bufferView\":").append(3 * i + 1).append(",\"componentType\":").append(FLOAT)
                    .append(",\"count\":").append(nv).append(",\"type\":\"VEC3\"},");
            accessors.append("{\"bufferView\":").append(3 * i + 2).append(",\"componentType\":").append(UNSIGNED_INT)
                    .append(",\"count\":").append(ni).append(",\"type\":\"SCALAR\"}");
            long vbytes = 12L * nv;
            long ibytes = 4L * ni;
            views.append(sep).append(view(offset, vbytes, ARRAY_BUFFER)).append(',')
                    .append(view(offset + vbytes, vbytes, ARRAY_BUFFER)).append(',')
                    .append(view(offset + 2 * vbytes, ibytes, ELEMENT_ARRAY_BUFFER));
            offset += 2 * vbytes + ibytes;
        }
        StringBuilder sb = new StringBuilder();
        sb.append("{\"asset\":{\"version\":\"2.0\",\"generator\":\"organ3d\",\"extras\":").append(extras).append("},")
                .append("\"scene\":0,\"scenes\":[{\"name\":\"organ3d\"");
        if (!parts.isEmpty()) {
            sb.append(",\"nodes\":[").append(sceneNodes).append(']');
        }
        sb.append(",\"extras\":").append(extras).append("}]");
        if (!parts.isEmpty()) {
            sb.append(",\"nodes\":[").append(nodes).append("],\"meshes\":[").append(meshes)
                    .append("],\"materials\":[").append(materials).append("],\"accessors\":[").append(accessors)
                    .append("],\"bufferViews\":[").append(views).append("],\"buffers\":[{\"byteLength\":")
                    .append(offset).append("}]");
        }
        sb.append('}');
        // NB: the JSON chunk is padded with spaces (0x20) to a multiple of 4 bytes, as GLB requires.
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        if (bytes.length % 4 == 0) {
            return bytes;
        }
        byte[] padded = java.util.Arrays.copyOf(bytes, (bytes.length + 3) & ~3);
        java.util.Arrays.fill(padded, bytes.length, padded.length, (byte) ' ');
        return padded;
    }

    private static String view(long offset, long length, int target) {
        return "{\"buffer\":0,\"byteOffset\":" + offset + ",\"byteLength\":" + length + ",\"target\":" + target + "}";
    }

    private static void bounds(float[] p, float[] min, float[] max) {
        for (int k = 0; k < 3; k++) {
            min[k] = Float.POSITIVE_INFINITY;
            max[k] = Float.NEGATIVE_INFINITY;
        }
        for (int i = 0; i < p.length; i += 3) {
            for (int k = 0; k < 3; k++) {
                float v = p[i + k];
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException("non-finite vertex coordinate at vertex " + i / 3);
                }
                min[k] = Math.min(min[k], v);
                max[k] = Math.max(max[k], v);
            }
        }
    }

    /** sRGB component (0..1) to linear (the IEC 61966-2-1 curve). */
    static double linear(float srgb) {
        double c = srgb;
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (ch < 0x20) {
                        sb.append(String.format("\\u%04x", (int) ch));
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
