package org.organ3d.mesh.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.organ3d.mesh.Mesh;

/**
 * PLY reader (Turk's format): ascii, binary_little_endian and binary_big_endian; the vertex element's
 * x, y, z (any numeric type) and the face element's first list property (vertex indices), polygons
 * fan-triangulated. Other elements and properties are skipped by their declared sizes.
 */
final class PlyReader {

    private record Property(String name, String type, String countType) {
        boolean isList() {
            return countType != null;
        }
    }

    private record Element(String name, long count, List<Property> props) {
    }

    private PlyReader() {
    }

    static Mesh read(Path file, byte[] b) throws MeshFormatException {
        int end = indexOf(b, "end_header");
        if (!new String(b, 0, Math.min(3, b.length), StandardCharsets.US_ASCII).equals("ply") || end < 0) {
            throw new MeshFormatException(file, 0, "not a PLY file (no 'ply' magic or no end_header)");
        }
        int body = end + "end_header".length();
        while (body < b.length && b[body] != '\n') {
            body++;
        }
        // NB: a file that ends right after end_header (no newline) has an empty body, not one past the end
        body = Math.min(body + 1, b.length);
        String format = null;
        List<Element> elements = new ArrayList<>();
        for (String line : new String(b, 0, end, StandardCharsets.US_ASCII).split("\n")) {
            String[] f = line.trim().split("\\s+");
            switch (f[0]) {
                case "format" -> format = f.length > 1 ? f[1] : null;
                case "element" -> {
                    long n;
                    try {
                        n = Long.parseLong(f[2]);
                    } catch (RuntimeException e) {
                        throw new MeshFormatException(file, -1, "bad element line: " + line);
                    }
                    if (n < 0) {
                        throw new MeshFormatException(file, -1, "negative element count: " + line);
                    }
                    elements.add(new Element(f[1], n, new ArrayList<>()));
                }
                case "property" -> {
                    if (elements.isEmpty() || f.length < 3) {
                        throw new MeshFormatException(file, -1, "property before any element: " + line);
                    }
                    Property p = f[1].equals("list") && f.length >= 5 ? new Property(f[4], f[3], f[2])
                            : new Property(f[2], f[1], null);
                    size(file, p.type());
                    if (p.isList()) {
                        size(file, p.countType());
                        if (p.countType().startsWith("float") || p.countType().equals("double")) {
                            // NB: a float count (NaN, 1e30 ...) would be cast to a length on trust
                            throw new MeshFormatException(file, -1, "list count type " + p.countType()
                                    + " is not an integer type: " + line);
                        }
                    }
                    elements.get(elements.size() - 1).props().add(p);
                }
                default -> {
                }
            }
        }
        if (format == null) {
            throw new MeshFormatException(file, -1, "no format line");
        }
        for (Element e : elements) {
            if (e.props().isEmpty() && e.count() > 0 && (e.name().equals("vertex") || e.name().equals("face"))) {
                // NB: records of no bytes: the count would bound neither the loop nor the mesh it grows
                throw new MeshFormatException(file, -1, "element " + e.name() + " declares " + e.count()
                        + " records but no properties");
            }
        }
        MeshBuilder mb = new MeshBuilder(false);
        if (format.equals("ascii")) {
            readAscii(file, new String(b, body, b.length - body, StandardCharsets.US_ASCII), elements, mb);
        } else if (format.startsWith("binary_")) {
            ByteBuffer bb = ByteBuffer.wrap(b).order(format.equals("binary_big_endian") ? ByteOrder.BIG_ENDIAN
                    : ByteOrder.LITTLE_ENDIAN);
            bb.position(body);
            readBinary(file, bb, elements, mb);
        } else {
            throw new MeshFormatException(file, -1, "unknown PLY format " + format);
        }
        return mb.build();
    }

    private static void readBinary(Path file, ByteBuffer bb, List<Element> elements, MeshBuilder mb)
            throws MeshFormatException {
        int verticesSoFar = 0;
        for (Element e : elements) {
            int fixed = 0;
            boolean lists = false;
            for (Property p : e.props()) {
                fixed += p.isList() ? size(file, p.countType()) : size(file, p.type());
                lists |= p.isList();
            }
            if (fixed == 0) {
                continue;
            }
            // NB: the smallest possible size of the element's records bounds the count before allocation
            // (divided, not multiplied: a count near 2^63 times the record size overflows)
            if (e.count() > bb.remaining() / fixed) {
                throw new MeshFormatException(file, bb.position(), e.name() + " count " + e.count()
                        + " needs more bytes than remain (" + bb.remaining() + ")");
            }
            boolean isVertex = e.name().equals("vertex");
            boolean isFace = e.name().equals("face");
            double[] xyz = new double[3];
            int[] poly = new int[16];
            for (long i = 0; i < e.count(); i++) {
                boolean facesDone = false;
                for (Property p : e.props()) {
                    if (p.isList()) {
                        long n = (long) number(file, bb, p.countType());
                        if (n < 0 || n > bb.remaining() / size(file, p.type())) {
                            throw new MeshFormatException(file, bb.position(), "list length " + n + " out of range");
                        }
                        if (isFace && !facesDone) {
                            if (poly.length < n) {
                                poly = new int[(int) n];
                            }
                            for (int k = 0; k < n; k++) {
                                poly[k] = (int) number(file, bb, p.type());
                            }
                            face(file, bb.position(), poly, (int) n, verticesSoFar, mb);
                            facesDone = true;
                        } else {
                            bb.position(bb.position() + (int) (n * size(file, p.type())));
                        }
                    } else {
                        double v = number(file, bb, p.type());
                        if (isVertex) {
                            switch (p.name()) {
                                case "x" -> xyz[0] = v;
                                case "y" -> xyz[1] = v;
                                case "z" -> xyz[2] = v;
                                default -> {
                                }
                            }
                        }
                    }
                }
                if (isVertex) {
                    mb.vertex((float) xyz[0], (float) xyz[1], (float) xyz[2]);
                }
            }
            if (isVertex) {
                verticesSoFar = mb.vertexCount();
            }
            if (lists && bb.position() > bb.limit()) {
                throw new MeshFormatException(file, bb.limit(), "truncated");
            }
        }
    }

    private static void face(Path file, long offset, int[] poly, int n, int vertexCount, MeshBuilder mb)
            throws MeshFormatException {
        for (int k = 0; k < n; k++) {
            if (poly[k] < 0 || poly[k] >= vertexCount) {
                throw new MeshFormatException(file, offset, "face index " + poly[k] + " outside 0.." + (vertexCount - 1));
            }
        }
        for (int k = 1; k + 1 < n; k++) {
            mb.triangle(poly[0], poly[k], poly[k + 1]);
        }
    }

    private static void readAscii(Path file, String text, List<Element> elements, MeshBuilder mb)
            throws MeshFormatException {
        String[] tok = text.trim().split("\\s+");
        int t = 0;
        int verticesSoFar = 0;
        try {
            for (Element e : elements) {
                boolean isVertex = e.name().equals("vertex");
                boolean isFace = e.name().equals("face");
                if (e.props().isEmpty()) {
                    continue;
                }
                for (long i = 0; i < e.count(); i++) {
                    double[] xyz = new double[3];
                    boolean facesDone = false;
                    for (Property p : e.props()) {
                        if (p.isList()) {
                            int n = Integer.parseInt(tok[t++]);
                            if (n < 0 || n > tok.length - t) {
                                throw new MeshFormatException(file, -1, "list length " + n + " out of range");
                            }
                            if (isFace && !facesDone) {
                                int[] poly = new int[n];
                                for (int k = 0; k < n; k++) {
                                    poly[k] = Integer.parseInt(tok[t++]);
                                }
                                face(file, -1, poly, n, verticesSoFar, mb);
                                facesDone = true;
                            } else {
                                t += n;
                            }
                        } else {
                            double v = Double.parseDouble(tok[t++]);
                            if (isVertex) {
                                switch (p.name()) {
                                    case "x" -> xyz[0] = v;
                                    case "y" -> xyz[1] = v;
                                    case "z" -> xyz[2] = v;
                                    default -> {
                                    }
                                }
                            }
                        }
                    }
                    if (isVertex) {
                        mb.vertex((float) xyz[0], (float) xyz[1], (float) xyz[2]);
                    }
                }
                if (isVertex) {
                    verticesSoFar = mb.vertexCount();
                }
            }
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw new MeshFormatException(file, -1, "malformed or truncated ascii body (token " + t + ")");
        }
    }

    private static int size(Path file, String type) throws MeshFormatException {
        return switch (type) {
            case "char", "uchar", "int8", "uint8" -> 1;
            case "short", "ushort", "int16", "uint16" -> 2;
            case "int", "uint", "int32", "uint32", "float", "float32" -> 4;
            case "double", "float64" -> 8;
            default -> throw new MeshFormatException(file, -1, "unknown PLY type " + type);
        };
    }

    private static double number(Path file, ByteBuffer bb, String type) throws MeshFormatException {
        if (bb.remaining() < size(file, type)) {
            throw new MeshFormatException(file, bb.position(), "truncated");
        }
        return switch (type) {
            case "char", "int8" -> bb.get();
            case "uchar", "uint8" -> bb.get() & 0xFF;
            case "short", "int16" -> bb.getShort();
            case "ushort", "uint16" -> bb.getShort() & 0xFFFF;
            case "int", "int32" -> bb.getInt();
            case "uint", "uint32" -> Integer.toUnsignedLong(bb.getInt());
            case "float", "float32" -> bb.getFloat();
            default -> bb.getDouble();
        };
    }

    private static int indexOf(byte[] b, String s) {
        byte[] p = s.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + p.length <= Math.min(b.length, 1 << 16); i++) {
            for (int j = 0; j < p.length; j++) {
                if (b[i + j] != p[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
