package org.organ3d.io.nrrd;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.joml.Matrix4d;
import org.joml.Vector3d;
import org.organ3d.io.LoadedImage;
import org.organ3d.io.NamedPaths;
import org.organ3d.io.ReadOptions;
import org.organ3d.io.ReadWarning.Kind;
import org.organ3d.io.ReadWarning;
import org.organ3d.io.raw.Compressed;
import org.organ3d.io.raw.FormatErrors;
import org.organ3d.io.raw.SampleType;
import org.organ3d.io.raw.VoxelReader;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.LabelInfo;
import org.organ3d.volume.Rescale;
import org.organ3d.volume.Volume;

/**
 * Reads a NRRD image ({@code .nrrd} with attached data, or a {@code .nhdr} header with a detached
 * data file) into a {@link LoadedImage} with geometry in LPS.
 *
 * <p>Geometry: the columns of the affine are the {@code space directions} of the spatial axes and
 * its origin the {@code space origin}, converted from the declared {@code space} (RAS and LAS flip
 * signs; LPS is kept; scanner-xyz and 3D-right-handed are taken as LPS with a warning). Without
 * {@code space directions}, {@code spacings} give an axis-aligned grid at the origin (a NaN spacing,
 * "unknown" in NRRD, becomes 1 mm with a warning).
 *
 * <p>Axes: NRRD's first axis is the fastest (i). Non-spatial axes of size 1 are dropped. A
 * {@code .seg.nrrd} whose first axis is a list of layers (overlapping segments) is merged into one
 * label map, each segment getting its own label value (later segments win where they overlap, with
 * a warning). Other multi-component images are rejected.
 *
 * <p>Encodings: raw, gzip and ascii; {@code line skip} and {@code byte skip} (−1 for raw) honoured.
 */
final class NrrdReader {

    private final Path file;
    /** NB: kept for the detached-data-file rule ({@link ReadOptions#dataFilesOutsideFolder()}). */
    private final ReadOptions options;
    private final FormatErrors errors;
    private final List<ReadWarning> warnings = new ArrayList<>();

    NrrdReader(Path file, ReadOptions options) {
        this.file = file;
        this.options = options;
        this.errors = (off, cause, t) -> new NrrdFormatException(file, off, cause, t);
    }

    LoadedImage read() throws IOException {
        NrrdHeader h = NrrdHeader.read(file);
        Map<String, String> f = h.fields;
        SampleType type = NrrdFields.type(require(h, "type"));
        if (type == null) {
            throw new NrrdFormatException(file, h.offset("type"), "unsupported type \"" + f.get("type")
                    + "\"; organ3d reads (un)signed char, short, int, float and double");
        }
        int dimension = intField(h, "dimension");
        String[] sizeTok = require(h, "sizes").trim().split("\\s+");
        if (dimension < 1 || dimension > 16 || sizeTok.length != dimension) {
            throw new NrrdFormatException(file, h.offset("sizes"), "sizes lists " + sizeTok.length + " axes but dimension is " + dimension);
        }
        long[] sizes = new long[dimension];
        for (int a = 0; a < dimension; a++) {
            try {
                sizes[a] = Long.parseLong(sizeTok[a]);
            } catch (NumberFormatException e) {
                throw new NrrdFormatException(file, h.offset("sizes"), "size \"" + sizeTok[a] + "\" is not a whole number", e);
            }
            if (sizes[a] < 1 || sizes[a] > Dimensions.MAX_EXTENT) {
                throw new NrrdFormatException(file, h.offset("sizes"), "size " + sizes[a] + " of axis " + a + " is absurd (must be 1.."
                        + Dimensions.MAX_EXTENT + ")");
            }
        }
        Axes axes = axes(h, sizes);
        ByteOrder order = ByteOrder.LITTLE_ENDIAN;
        if (type.bytes() > 1) {
            String e = f.get("endian");
            if (e == null) {
                warnings.add(new ReadWarning(Kind.INCONSISTENT_HEADER, file,
                        "no endian field for a multi-byte type; little-endian assumed"));
            } else if ((order = NrrdFields.endian(e)) == null) {
                throw new NrrdFormatException(file, h.offset("endian"), "endian must be little or big, not \"" + e + "\"");
            }
        }
        String encoding = require(h, "encoding").toLowerCase(Locale.ROOT);
        Geometry g = geometry(h, axes);

        int layers = axes.layers;
        Dimensions readDims;
        try {
            readDims = new Dimensions(axes.nx * layers, axes.ny, axes.nz);
        } catch (IllegalArgumentException e) {
            throw new NrrdFormatException(file, h.offset("sizes"), e.getMessage(), e);
        }
        Volume v = readData(h, encoding, type, order, readDims, g);
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("type", type.label());
        attrs.put("encoding", encoding);
        if (f.containsKey("space")) {
            attrs.put("space", f.get("space"));
        }
        if (f.containsKey("content")) {
            attrs.put("content", f.get("content"));
        }
        Map<Integer, LabelInfo> labels = Map.of();
        if (SlicerSegments.present(h.keyValues)) {
            List<SlicerSegments.Segment> segs = SlicerSegments.read(h.keyValues, file, warnings);
            SegmentLayers.Result r = SegmentLayers.merge(v, layers, segs, new Dimensions(axes.nx, axes.ny, axes.nz), warnings, file);
            v = r.volume();
            labels = r.labels();
            attrs.put("segments", Integer.toString(segs.size()));
        } else if (layers > 1) {
            throw new NrrdFormatException(file, h.offset("sizes"), "multi-component image (" + layers + " values per voxel) is not supported");
        }
        return new LoadedImage(file, NrrdFormat.NAME, v, attrs, labels, warnings);
    }

    /** Spatial axes and their sizes; {@code layers} > 1 only for a leading list axis. */
    private record Axes(int[] spatial, int nx, int ny, int nz, int layers, String[] directions) {
    }

    private Axes axes(NrrdHeader h, long[] sizes) throws NrrdFormatException {
        int dim = sizes.length;
        String[] dirs = null;
        String sd = h.fields.get("space directions");
        if (sd != null) {
            dirs = NrrdFields.vectors(sd);
            if (dirs.length != dim) {
                throw new NrrdFormatException(file, h.offset("space directions"), "space directions lists " + dirs.length
                        + " entries for " + dim + " axes");
            }
        }
        String[] kinds = h.fields.containsKey("kinds") ? h.fields.get("kinds").trim().split("\\s+") : null;
        List<Integer> spatial = new ArrayList<>();
        int layers = 1;
        for (int a = 0; a < dim; a++) {
            boolean isSpatial;
            if (dirs != null) {
                isSpatial = !dirs[a].equalsIgnoreCase("none");
            } else if (kinds != null && kinds.length == dim) {
                String k = kinds[a].toLowerCase(Locale.ROOT);
                isSpatial = k.equals("domain") || k.equals("space") || k.equals("???") || k.equals("none");
            } else {
                isSpatial = dim <= 3 || sizes[a] > 1;
            }
            if (isSpatial) {
                spatial.add(a);
            } else if (sizes[a] > 1) {
                if (a == 0 && layers == 1) {
                    layers = (int) sizes[a];
                } else {
                    throw new NrrdFormatException(file, h.offset("sizes"), "axis " + a + " has " + sizes[a]
                            + " non-spatial samples (time series or multi-component image): not supported");
                }
            }
        }
        if (spatial.size() < 2 || spatial.size() > 3) {
            throw new NrrdFormatException(file, h.offset("sizes"), spatial.size() + " spatial axes: organ3d reads 2D and 3D images");
        }
        int[] s = spatial.stream().mapToInt(Integer::intValue).toArray();
        return new Axes(s, (int) sizes[s[0]], (int) sizes[s[1]], s.length > 2 ? (int) sizes[s[2]] : 1, layers, dirs);
    }

    private Geometry geometry(NrrdHeader h, Axes axes) throws NrrdFormatException {
        Map<String, String> f = h.fields;
        double[] sign = {1, 1, 1, 0};
        String space = f.get("space");
        if (space != null) {
            sign = NrrdFields.toLps(space);
            if (sign == null) {
                throw new NrrdFormatException(file, h.offset("space"), "unsupported space \"" + space
                        + "\" (organ3d reads left-posterior-superior, right-anterior-superior, left-anterior-superior, scanner-xyz)");
            }
            if (sign[3] == 1) {
                warnings.add(new ReadWarning(Kind.ASSUMED_GEOMETRY, file,
                        "space \"" + space + "\" is not anatomical; taken as LPS"));
            }
        } else if (f.containsKey("space dimension")) {
            warnings.add(new ReadWarning(Kind.ASSUMED_GEOMETRY, file,
                    "space dimension without a named space; coordinates taken as LPS"));
        }
        Matrix4d m = new Matrix4d();
        Vector3d[] cols = new Vector3d[3];
        if (axes.directions != null) {
            for (int c = 0; c < axes.spatial.length; c++) {
                double[] d;
                try {
                    d = NrrdFields.vector(axes.directions[axes.spatial[c]]);
                } catch (NumberFormatException e) {
                    throw new NrrdFormatException(file, h.offset("space directions"), "unreadable space direction: " + e.getMessage(), e);
                }
                if (d.length != 3 || !Double.isFinite(d[0] + d[1] + d[2]) || d[0] * d[0] + d[1] * d[1] + d[2] * d[2] == 0) {
                    throw new NrrdFormatException(file, h.offset("space directions"), "space direction of axis " + axes.spatial[c]
                            + " must be three finite numbers, not all zero: " + axes.directions[axes.spatial[c]]);
                }
                cols[c] = new Vector3d(d[0] * sign[0], d[1] * sign[1], d[2] * sign[2]);
            }
        } else {
            String[] sp = f.containsKey("spacings") ? f.get("spacings").trim().split("\\s+") : null;
            for (int c = 0; c < axes.spatial.length; c++) {
                double s = 1;
                if (sp != null && sp.length > axes.spatial[c]) {
                    try {
                        s = NrrdFields.number(sp[axes.spatial[c]]);
                    } catch (NumberFormatException e) {
                        throw new NrrdFormatException(file, h.offset("spacings"), "unreadable spacing " + sp[axes.spatial[c]], e);
                    }
                }
                if (Double.isNaN(s)) {
                    warnings.add(new ReadWarning(Kind.ASSUMED_GEOMETRY, file,
                            "spacing of axis " + axes.spatial[c] + " unknown (nan); 1 mm used"));
                    s = 1;
                }
                if (!(s > 0) || Double.isInfinite(s)) {
                    throw new NrrdFormatException(file, h.offset("spacings"), "spacing " + s + " of axis " + axes.spatial[c]
                            + " must be positive and finite");
                }
                cols[c] = new Vector3d(c == 0 ? s : 0, c == 1 ? s : 0, c == 2 ? s : 0);
            }
            if (sp == null) {
                warnings.add(new ReadWarning(Kind.ASSUMED_GEOMETRY, file,
                        "no space directions or spacings: 1 mm voxels, axis-aligned, at the origin"));
            }
        }
        if (cols[2] == null) {
            cols[2] = new Vector3d(cols[0]).cross(cols[1]).normalize();
        }
        for (int c = 0; c < 3; c++) {
            m.setColumn(c, new org.joml.Vector4d(cols[c], 0));
        }
        String o = f.get("space origin");
        if (o != null) {
            double[] p;
            try {
                p = NrrdFields.vector(o);
            } catch (NumberFormatException e) {
                throw new NrrdFormatException(file, h.offset("space origin"), "unreadable space origin " + o, e);
            }
            if (p == null || p.length != 3 || !Double.isFinite(p[0] + p[1] + p[2])) {
                throw new NrrdFormatException(file, h.offset("space origin"), "space origin must be three finite numbers: " + o);
            }
            m.setColumn(3, new org.joml.Vector4d(p[0] * sign[0], p[1] * sign[1], p[2] * sign[2], 1));
        }
        try {
            return Geometry.fromAffine(m);
        } catch (IllegalArgumentException e) {
            throw new NrrdFormatException(file, h.offset("space directions"), "unusable geometry: " + e.getMessage(), e);
        }
    }

    /** Prefix for errors about a detached data file (the message names the header first). */
    private String inData(Path data) {
        return data.equals(file) ? "" : "data file " + data + ": ";
    }

    private Volume readData(NrrdHeader h, String encoding, SampleType type, ByteOrder order, Dimensions dims, Geometry g)
            throws IOException {
        String df = h.fields.containsKey("data file") ? h.fields.get("data file") : h.fields.get("datafile");
        Path data = file;
        long start = h.dataOffset;
        if (df != null) {
            String[] t = df.trim().split("\\s+");
            if (t[0].equals("LIST") || t.length > 1) {
                throw new NrrdFormatException(file, h.offset(h.fields.containsKey("data file") ? "data file" : "datafile"),
                        "multi-file data (\"" + df + "\") is not supported; use one data file");
            }
            Path dir = file.toAbsolutePath().getParent();
            String why = options.dataFilesOutsideFolder() ? null : NamedPaths.outside(dir, df.trim());
            if (why != null) {
                throw new NrrdFormatException(file, h.offset(h.fields.containsKey("data file") ? "data file" : "datafile"),
                        "data file \"" + df.trim() + "\" " + why + "; refused unless the read options allow data files "
                        + "outside the folder");
            }
            data = NamedPaths.resolve(dir, df.trim());
            start = 0;
            if (data == null) {
                throw new NrrdFormatException(file, -1, "data file \"" + df.trim() + "\" is not a valid file name");
            }
            if (!Files.isRegularFile(data)) {
                throw new NrrdFormatException(file, -1, "detached data file " + data + " does not exist");
            }
        } else if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".nhdr")) {
            throw new NrrdFormatException(file, -1, "a .nhdr header needs a \"data file\" field");
        }
        long lineSkip = h.fields.containsKey("line skip") || h.fields.containsKey("lineskip")
                ? longField(h, h.fields.containsKey("line skip") ? "line skip" : "lineskip") : 0;
        long byteSkip = h.fields.containsKey("byte skip") || h.fields.containsKey("byteskip")
                ? longField(h, h.fields.containsKey("byte skip") ? "byte skip" : "byteskip") : 0;
        long dataBytes = dims.voxelCount() * type.bytes();
        long fileLen = Files.size(data);
        NrrdFormatException bad = null;
        try (FileChannel ch = FileChannel.open(data, StandardOpenOption.READ)) {
            ch.position(start);
            InputStream raw = new BufferedInputStream(Channels.newInputStream(ch), 1 << 16);
            for (long l = 0; l < lineSkip; l++) {
                int c;
                while ((c = raw.read()) >= 0 && c != '\n') {
                    start++;
                }
                if (c < 0) {
                    throw new NrrdFormatException(file, -1, inData(data) + "line skip " + lineSkip + " goes past the end of the data file");
                }
                start++;
            }
            switch (encoding) {
                case "raw" -> {
                    if (byteSkip == -1) {
                        byteSkip = fileLen - start - dataBytes;
                    }
                    if (byteSkip < 0 || start + byteSkip + dataBytes > fileLen) {
                        throw new NrrdFormatException(file, -1, inData(data) + "data file holds " + (fileLen - start) + " bytes after the header but "
                                + dims + " voxels of " + type.label() + " need " + dataBytes + (byteSkip > 0 ? " + byte skip " + byteSkip : "")
                                + " (truncated file or wrong sizes)");
                    }
                    raw.skipNBytes(byteSkip);
                    return new VoxelReader(type, order, errors, "byte").read(raw, start + byteSkip, dims, g,
                            Rescale.IDENTITY, file, warnings);
                }
                case "gzip", "gz" -> {
                    Compressed.checkPlausible(dataBytes + Math.max(byteSkip, 0), fileLen - start, errors);
                    if (byteSkip < 0) {
                        throw new NrrdFormatException(file, h.offset("byte skip"), "byte skip -1 is only allowed with raw encoding");
                    }
                    try (InputStream in = Compressed.inflating(raw, errors)) {
                        in.skipNBytes(byteSkip);
                        Volume v = new VoxelReader(type, order, errors, "decompressed byte").read(in, byteSkip, dims, g,
                                Rescale.IDENTITY, file, warnings);
                        Compressed.verifyEnd(in, byteSkip + dataBytes, errors, file, warnings);
                        return v;
                    }
                }
                case "ascii", "text", "txt" -> {
                    if (fileLen - start < 2 * dims.voxelCount() - 1) {
                        throw new NrrdFormatException(file, -1, inData(data) + "ascii data of " + (fileLen - start) + " bytes cannot hold " + dims.voxelCount() + " values");
                    }
                    return AsciiVoxels.read(raw, start, type, dims, g, errors);
                }
                case "bzip2", "bz2", "hex" -> bad = new NrrdFormatException(file, h.offset("encoding"), "encoding \"" + encoding + "\" is not supported (use raw, gzip or ascii)");
                default -> bad = new NrrdFormatException(file, h.offset("encoding"), "unknown encoding \"" + encoding + "\"");
            }
        } catch (java.io.EOFException e) {
            throw new NrrdFormatException(file, -1, inData(data) + "data ends early: " + e.getMessage(), e);
        }
        throw bad;
    }

    private String require(NrrdHeader h, String field) throws NrrdFormatException {
        String v = h.fields.get(field);
        if (v == null) {
            throw new NrrdFormatException(file, -1, "required field \"" + field + "\" is missing");
        }
        return v;
    }

    private int intField(NrrdHeader h, String field) throws NrrdFormatException {
        long v = longField(h, field);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new NrrdFormatException(file, h.offset(field), field + " " + v + " out of range");
        }
        return (int) v;
    }

    private long longField(NrrdHeader h, String field) throws NrrdFormatException {
        String v = require(h, field);
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new NrrdFormatException(file, h.offset(field), field + " \"" + v + "\" is not a whole number", e);
        }
    }
}
