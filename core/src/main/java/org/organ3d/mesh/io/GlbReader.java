package org.organ3d.mesh.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.joml.Matrix4d;
import org.joml.Quaterniond;
import org.joml.Vector3d;
import org.organ3d.mesh.Mesh;

/**
 * Reads binary glTF 2.0 ({@code .glb}): every node of the scene that has a mesh becomes one
 * {@link NamedMesh} in LPS mm, named after the node (else its mesh), coloured by its first
 * primitive's material ({@code baseColorFactor}, linear → sRGB, alpha as opacity), labelled by
 * {@code extras.label} when the node or mesh has one (organ3d's GLB writer puts it there).
 *
 * <p><b>Geometry.</b> Triangle primitives (modes 4, 5 and 6; strips and fans are unrolled) with
 * float {@code POSITION}s, indexed by unsigned 8/16/32-bit indices or not indexed; points and lines
 * are skipped. Node matrices and translation/rotation/scale are composed down the hierarchy; a node
 * whose global transform mirrors has its winding reversed, as glTF specifies, so triangles stay
 * counter-clockwise seen from outside.
 *
 * <p><b>Frame.</b> glTF is in metres with +Y up. A file from organ3d records its axis change in
 * {@code asset.extras.sourceFromGltf} and its frame in {@code sourceFrame}; that matrix is applied
 * (and RAS sources are turned into LPS). Any other file is taken to follow organ3d's documented
 * convention (glTF (x, y, z) = LPS (x, z, −y) / 1000: patient superior is +Y, anterior the glTF
 * front +Z), so a model made facing the glTF front shows facing anterior.
 *
 * <p><b>Safety.</b> Every offset and count from the file is checked against the chunk, buffer view
 * and accessor it lies in before anything is read or allocated; indices are checked against the
 * vertex count; node graphs deeper than {@value #MAX_DEPTH} (or cyclic) are rejected. Buffers other
 * than the GLB's own binary chunk (external or data URIs), sparse or quantized accessors and any
 * {@code extensionsRequired} (e.g. Draco compression) raise a {@link MeshFormatException} naming
 * what is not supported.
 */
final class GlbReader {

    private static final int MAGIC = 0x46546C67;
    private static final int JSON = 0x4E4F534A;
    private static final int BIN = 0x004E4942;
    private static final int MAX_DEPTH = 64;
    private static final int FLOAT = 5126;

    private final Path file;
    private final JsonNode gltf;
    private final ByteBuffer bin;
    private final Matrix4d toLps;
    private final int defaultRgba;

    private GlbReader(Path file, JsonNode gltf, ByteBuffer bin, int defaultRgba) throws MeshFormatException {
        this.file = file;
        this.gltf = gltf;
        this.bin = bin;
        this.defaultRgba = defaultRgba;
        this.toLps = frame();
    }

    /**
     * The meshes of the default scene (or of every root node when there is none), in LPS mm;
     * {@code defaultRgba} colours meshes without a material colour.
     */
    static List<NamedMesh> read(Path file, byte[] b, int defaultRgba) throws MeshFormatException {
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        if (b.length < 20 || buf.getInt(0) != MAGIC) {
            throw new MeshFormatException(file, 0, "not a binary glTF file (no glTF magic)");
        }
        if (buf.getInt(4) != 2) {
            throw new MeshFormatException(file, 4, "glTF container version " + buf.getInt(4) + " (only 2 is read)");
        }
        long total = buf.getInt(8) & 0xFFFFFFFFL;
        if (total > b.length) {
            throw new MeshFormatException(file, 8, "header says " + total + " bytes but the file has " + b.length);
        }
        JsonNode json = null;
        ByteBuffer bin = null;
        int at = 12;
        while (at + 8 <= total) {
            long len = buf.getInt(at) & 0xFFFFFFFFL;
            int type = buf.getInt(at + 4);
            if (len > total - at - 8) {
                throw new MeshFormatException(file, at, "chunk of " + len + " bytes runs past the end of the file");
            }
            int start = at + 8;
            if (at == 12) {
                if (type != JSON) {
                    throw new MeshFormatException(file, at, "the first chunk is not JSON");
                }
                try {
                    json = new ObjectMapper().readTree(b, start, (int) len);
                } catch (IOException e) {
                    throw new MeshFormatException(file, start, "malformed JSON chunk (" + e.getMessage().lines().findFirst().orElse("") + ")");
                }
            } else if (type == BIN && bin == null) {
                bin = buf.slice(start, (int) len).order(ByteOrder.LITTLE_ENDIAN);
            }
            at = start + (int) ((len + 3) & ~3L);
        }
        if (json == null || !json.isObject()) {
            throw new MeshFormatException(file, 12, "no JSON chunk");
        }
        return new GlbReader(file, json, bin, defaultRgba).meshes();
    }

    /** An index into one of the file's arrays, or -1 when the value is not a non-negative int. */
    private static int index(JsonNode n) {
        return n.isIntegralNumber() && n.canConvertToInt() && n.intValue() >= 0 ? n.intValue() : -1;
    }

    /** A byte count or offset: {@code absent} when missing, -1 when not a non-negative integer. */
    private static long size(JsonNode n, long absent) {
        if (n.isMissingNode()) {
            return absent;
        }
        return n.isIntegralNumber() && n.canConvertToLong() && n.longValue() >= 0 ? n.longValue() : -1;
    }

    private MeshFormatException error(String message) {
        return new MeshFormatException(file, -1, message);
    }

    /** glTF → LPS mm. */
    private Matrix4d frame() throws MeshFormatException {
        JsonNode extras = gltf.path("asset").path("extras");
        JsonNode m = extras.path("sourceFromGltf");
        if (!m.isArray()) {
            // LPS (x, y, z) = 1000 (gx, -gz, gy): the inverse of organ3d's writer
            return new Matrix4d(1000, 0, 0, 0, 0, 0, 1000, 0, 0, -1000, 0, 0, 0, 0, 0, 1);
        }
        if (m.size() != 16) {
            throw error("asset.extras.sourceFromGltf has " + m.size() + " numbers, not 16");
        }
        double[] v = new double[16];
        for (int i = 0; i < 16; i++) {
            if (!m.get(i).isNumber()) {
                throw error("asset.extras.sourceFromGltf holds a non-number");
            }
            v[i] = m.get(i).asDouble();
        }
        // column-major, like glTF's own matrices
        Matrix4d source = new Matrix4d().set(v);
        if ("RAS".equals(extras.path("sourceFrame").asText())) {
            source = new Matrix4d().scale(-1, -1, 1).mul(source);
        }
        return source;
    }

    private List<NamedMesh> meshes() throws MeshFormatException {
        JsonNode required = gltf.path("extensionsRequired");
        if (required.isArray() && required.size() > 0) {
            throw error("needs glTF extension " + required.get(0).asText() + ", which this reader does not support");
        }
        JsonNode nodes = gltf.path("nodes");
        List<Integer> roots = new ArrayList<>();
        JsonNode scenes = gltf.path("scenes");
        if (scenes.isArray() && scenes.size() > 0) {
            int s = gltf.has("scene") ? index(gltf.path("scene")) : 0;
            JsonNode scene = scenes.get(s);
            if (scene == null) {
                throw error("scene " + s + " does not exist (" + scenes.size() + " scenes)");
            }
            for (JsonNode n : scene.path("nodes")) {
                roots.add(index(n));
            }
        } else {
            boolean[] child = new boolean[nodes.size()];
            for (JsonNode n : nodes) {
                for (JsonNode c : n.path("children")) {
                    int ci = index(c);
                    if (ci >= 0 && ci < child.length) {
                        child[ci] = true;
                    }
                }
            }
            for (int i = 0; i < child.length; i++) {
                if (!child[i]) {
                    roots.add(i);
                }
            }
        }
        List<NamedMesh> out = new ArrayList<>();
        for (int r : roots) {
            visit(r, toLps, 0, out);
        }
        if (out.isEmpty()) {
            throw error("no triangles in the scene");
        }
        return out;
    }

    private void visit(int index, Matrix4d parent, int depth, List<NamedMesh> out) throws MeshFormatException {
        if (depth > MAX_DEPTH) {
            throw error("node hierarchy deeper than " + MAX_DEPTH + " (or cyclic) at node " + index);
        }
        JsonNode node = element("nodes", index);
        Matrix4d world = new Matrix4d(parent).mul(local(node, index));
        if (node.has("mesh")) {
            int mi = index(node.path("mesh"));
            JsonNode mesh = element("meshes", mi);
            Mesh m = geometry(mesh, mi, world);
            if (m != null) {
                String name = node.path("name").asText(mesh.path("name").asText("mesh " + mi));
                int label = node.path("extras").has("label") ? index(node.path("extras").path("label"))
                        : mesh.path("extras").has("label") ? index(mesh.path("extras").path("label")) : 0;
                out.add(new NamedMesh(label >= 0 && label <= 65535 ? label : 0, name, colour(mesh), m));
            }
        }
        for (JsonNode c : node.path("children")) {
            visit(index(c), world, depth + 1, out);
        }
    }

    private JsonNode element(String array, int index) throws MeshFormatException {
        JsonNode a = gltf.path(array);
        if (index < 0 || index >= a.size()) {
            throw error(array + "[" + index + "] does not exist (" + a.size() + " in the file)");
        }
        return a.get(index);
    }

    private Matrix4d local(JsonNode node, int index) throws MeshFormatException {
        JsonNode m = node.path("matrix");
        if (m.isArray()) {
            if (m.size() != 16) {
                throw error("node " + index + ": matrix has " + m.size() + " numbers, not 16");
            }
            double[] v = new double[16];
            for (int i = 0; i < 16; i++) {
                v[i] = m.get(i).asDouble();
            }
            // glTF matrices are column-major, as JOML's set(double[]) reads them
            return new Matrix4d().set(v);
        }
        double[] t = numbers(node.path("translation"), 3, 0, index);
        double[] r = numbers(node.path("rotation"), 4, 0, index);
        double[] s = numbers(node.path("scale"), 3, 1, index);
        if (!node.has("rotation")) {
            r[3] = 1;
        }
        return new Matrix4d().translationRotateScale(new Vector3d(t[0], t[1], t[2]),
                new Quaterniond(r[0], r[1], r[2], r[3]), new Vector3d(s[0], s[1], s[2]));
    }

    private double[] numbers(JsonNode a, int n, double absent, int node) throws MeshFormatException {
        double[] v = new double[n];
        if (a.isMissingNode()) {
            java.util.Arrays.fill(v, absent);
            return v;
        }
        if (!a.isArray() || a.size() != n) {
            throw error("node " + node + ": expected " + n + " numbers");
        }
        for (int i = 0; i < n; i++) {
            v[i] = a.get(i).asDouble();
        }
        return v;
    }

    /** sRGB colour 0xRRGGBBAA of the mesh's first primitive's material (the default when none). */
    private int colour(JsonNode mesh) {
        JsonNode mat = gltf.path("materials").path(index(mesh.path("primitives").path(0).path("material")));
        JsonNode f = mat.path("pbrMetallicRoughness").path("baseColorFactor");
        if (!f.isArray() || f.size() != 4) {
            return defaultRgba;
        }
        int rgba = 0;
        for (int i = 0; i < 4; i++) {
            double c = Math.max(0, Math.min(1, f.get(i).asDouble(1)));
            double v = i < 3 ? srgb(c) : c;
            rgba = rgba << 8 | (int) Math.round(255 * v);
        }
        return rgba;
    }

    /** Linear component (0..1) to sRGB (the IEC 61966-2-1 curve). */
    static double srgb(double linear) {
        return linear <= 0.0031308 ? 12.92 * linear : 1.055 * Math.pow(linear, 1 / 2.4) - 0.055;
    }

    /** All triangles of a mesh's primitives, transformed by {@code world}; null when it has none. */
    private Mesh geometry(JsonNode mesh, int mi, Matrix4d world) throws MeshFormatException {
        MeshBuilder out = new MeshBuilder(false);
        boolean mirror = world.determinant3x3() < 0;
        Vector3d p = new Vector3d();
        int primitive = 0;
        for (JsonNode prim : mesh.path("primitives")) {
            String where = "mesh " + mi + " primitive " + primitive++;
            int mode = prim.path("mode").asInt(4);
            if (mode < 4 || mode > 6) {
                continue;
            }
            if (!prim.path("attributes").has("POSITION")) {
                throw error(where + ": no POSITION");
            }
            float[] pos = floats(index(prim.path("attributes").path("POSITION")), where);
            int n = pos.length / 3;
            int[] idx = prim.has("indices") ? indices(index(prim.path("indices")), n, where) : sequence(n);
            int base = out.vertexCount();
            for (int v = 0; v < n; v++) {
                world.transformPosition(pos[3 * v], pos[3 * v + 1], pos[3 * v + 2], p);
                out.vertex((float) p.x, (float) p.y, (float) p.z);
            }
            int[] tri = triangles(idx, mode);
            for (int t = 0; t < tri.length; t += 3) {
                if (mirror) {
                    out.triangle(base + tri[t], base + tri[t + 2], base + tri[t + 1]);
                } else {
                    out.triangle(base + tri[t], base + tri[t + 1], base + tri[t + 2]);
                }
            }
        }
        Mesh m = out.build();
        return m.triangleCount() == 0 ? null : m;
    }

    private static int[] sequence(int n) {
        int[] s = new int[n];
        for (int i = 0; i < n; i++) {
            s[i] = i;
        }
        return s;
    }

    /** Triangle list of a list (4), strip (5) or fan (6); strips alternate winding as glTF specifies. */
    private static int[] triangles(int[] idx, int mode) {
        if (mode == 4) {
            return java.util.Arrays.copyOf(idx, idx.length - idx.length % 3);
        }
        int n = Math.max(0, idx.length - 2);
        int[] t = new int[3 * n];
        for (int i = 0; i < n; i++) {
            if (mode == 6) {
                t[3 * i] = idx[0];
                t[3 * i + 1] = idx[i + 1];
                t[3 * i + 2] = idx[i + 2];
            } else if (i % 2 == 0) {
                t[3 * i] = idx[i];
                t[3 * i + 1] = idx[i + 1];
                t[3 * i + 2] = idx[i + 2];
            } else {
                t[3 * i] = idx[i];
                t[3 * i + 1] = idx[i + 2];
                t[3 * i + 2] = idx[i + 1];
            }
        }
        return t;
    }

    /** The byte range of an accessor's elements in the binary chunk, checked. */
    private record Range(ByteBuffer data, int offset, int stride, int count) {
    }

    private Range range(int accessor, String type, int componentBytes, int components, String where)
            throws MeshFormatException {
        JsonNode a = element("accessors", accessor);
        String what = where + ", accessor " + accessor;
        if (a.has("sparse")) {
            throw error(what + ": sparse accessors are not supported");
        }
        if (!type.equals(a.path("type").asText())) {
            throw error(what + ": type " + a.path("type").asText() + ", expected " + type);
        }
        long count = size(a.path("count"), -1);
        if (count < 0 || count > Integer.MAX_VALUE / 3) {
            throw error(what + ": bad count " + a.path("count"));
        }
        if (!a.has("bufferView")) {
            throw error(what + ": no buffer view (all zeros) is not supported");
        }
        JsonNode view = element("bufferViews", index(a.path("bufferView")));
        int buffer = index(view.path("buffer"));
        JsonNode b = element("buffers", buffer);
        if (buffer != 0 || b.has("uri") || bin == null) {
            throw error(what + ": data outside the GLB's binary chunk (external or data URI) is not supported");
        }
        long viewOffset = size(view.path("byteOffset"), 0);
        long viewLength = size(view.path("byteLength"), -1);
        if (viewOffset < 0 || viewLength < 0 || viewOffset > bin.limit() || viewLength > bin.limit() - viewOffset) {
            throw error(what + ": buffer view of " + viewLength + " bytes at " + viewOffset
                    + " runs past the binary chunk (" + bin.limit() + " bytes)");
        }
        int element = componentBytes * components;
        long stride = size(view.path("byteStride"), element);
        long offset = size(a.path("byteOffset"), 0);
        // NB: glTF allows strides up to 252 bytes; with that bound and the offsets checked against the
        // chunk, the range arithmetic below cannot overflow
        if (stride < element || stride > 252 || offset < 0 || offset > viewLength) {
            throw error(what + ": bad byte stride " + stride + " or offset " + offset);
        }
        if (count > 0 && offset + (count - 1) * stride + element > viewLength) {
            throw error(what + ": " + count + " elements run past the buffer view (" + viewLength + " bytes)");
        }
        return new Range(bin, (int) (viewOffset + offset), (int) stride, (int) count);
    }

    private float[] floats(int accessor, String where) throws MeshFormatException {
        JsonNode a = element("accessors", accessor);
        if (a.path("componentType").asInt() != FLOAT || a.path("normalized").asBoolean(false)) {
            throw error(where + ", accessor " + accessor + ": positions must be 32-bit floats (quantized meshes are not supported)");
        }
        Range r = range(accessor, "VEC3", 4, 3, where);
        float[] v = new float[3 * r.count()];
        for (int i = 0; i < r.count(); i++) {
            int o = r.offset() + i * r.stride();
            for (int c = 0; c < 3; c++) {
                float x = r.data().getFloat(o + 4 * c);
                if (!Float.isFinite(x)) {
                    throw error(where + ", accessor " + accessor + ": position " + i + " is not finite");
                }
                v[3 * i + c] = x;
            }
        }
        return v;
    }

    private int[] indices(int accessor, int vertices, String where) throws MeshFormatException {
        int ct = element("accessors", accessor).path("componentType").asInt();
        int bytes = ct == 5121 ? 1 : ct == 5123 ? 2 : ct == 5125 ? 4 : -1;
        if (bytes < 0) {
            throw error(where + ", accessor " + accessor + ": index component type " + ct + " (expected 5121, 5123 or 5125)");
        }
        Range r = range(accessor, "SCALAR", bytes, 1, where);
        int[] v = new int[r.count()];
        for (int i = 0; i < r.count(); i++) {
            int o = r.offset() + i * r.stride();
            long x = bytes == 1 ? r.data().get(o) & 0xFF : bytes == 2 ? r.data().getShort(o) & 0xFFFF : r.data().getInt(o) & 0xFFFFFFFFL;
            if (x >= vertices) {
                throw error(where + ", accessor " + accessor + ": index " + x + " at " + i + " outside 0.." + (vertices - 1));
            }
            v[i] = (int) x;
        }
        return v;
    }
}
