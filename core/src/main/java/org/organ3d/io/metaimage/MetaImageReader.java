package org.organ3d.io.metaimage;

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
import org.joml.Vector4d;
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
import org.organ3d.volume.Rescale;
import org.organ3d.volume.Volume;

/**
 * Reads a MetaImage ({@code .mha} with {@code ElementDataFile = LOCAL}, or {@code .mhd} with a data
 * file beside it) into a {@link LoadedImage}. MetaImage's physical space is LPS (as ITK's), so no
 * conversion is needed.
 *
 * <p>Geometry: column a of the affine is {@code ElementSpacing[a]} times the a-th group of
 * {@code TransformMatrix} (synonyms {@code Rotation}, {@code Orientation}), which ITK writes as
 * the direction of axis a; the origin is {@code Offset} (synonyms {@code Position}, {@code Origin}).
 * {@code AnatomicalOrientation} is informational (kept as an attribute). 2D images get a unit k step
 * along the slice normal.
 *
 * <p>Data: {@code BinaryDataByteOrderMSB} (or {@code ElementByteOrderMSB}) gives the byte order;
 * {@code CompressedData = True} means a zlib stream ({@code CompressedDataSize} bytes when given);
 * {@code HeaderSize} bytes are skipped in a separate data file (−1: the data is at the file's end).
 */
final class MetaImageReader {

    private final Path file;
    /** NB: kept for the detached-data-file rule ({@link ReadOptions#dataFilesOutsideFolder()}). */
    private final ReadOptions options;
    private final FormatErrors errors;
    private final List<ReadWarning> warnings = new ArrayList<>();

    MetaImageReader(Path file, ReadOptions options) {
        this.file = file;
        this.options = options;
        this.errors = (off, cause, t) -> new MetaImageFormatException(file, off, cause, t);
    }

    LoadedImage read() throws IOException {
        MetaImageHeader h = MetaImageHeader.read(file);
        String ot = h.get("ObjectType");
        if (ot != null && !ot.equalsIgnoreCase("Image")) {
            throw new MetaImageFormatException(file, h.offset("ObjectType"), "ObjectType " + ot + " is not an Image");
        }
        int ndims = (int) longValue(h, "NDims");
        if (ndims < 2 || ndims > 4) {
            throw new MetaImageFormatException(file, h.offset("NDims"), "NDims " + ndims + ": organ3d reads 2D and 3D images");
        }
        long[] size = longs(h, "DimSize", ndims);
        for (int a = 0; a < ndims; a++) {
            if (size[a] < 1 || size[a] > Dimensions.MAX_EXTENT) {
                throw new MetaImageFormatException(file, h.offset("DimSize"), "DimSize " + size[a] + " of axis " + a + " is absurd (must be 1.."
                        + Dimensions.MAX_EXTENT + ")");
            }
        }
        if (ndims == 4 && size[3] != 1) {
            throw new MetaImageFormatException(file, h.offset("DimSize"), "4D image with " + size[3] + " time points is not supported");
        }
        String channels = h.get("ElementNumberOfChannels");
        if (channels != null && !channels.strip().equals("1")) {
            throw new MetaImageFormatException(file, h.offset("ElementNumberOfChannels"), "ElementNumberOfChannels " + channels
                    + ": multi-component images are not supported");
        }
        SampleType type = sampleType(h);
        String bd = h.get("BinaryData");
        if (bd != null && !bd.equalsIgnoreCase("True")) {
            throw new MetaImageFormatException(file, h.offset("BinaryData"), "BinaryData = " + bd + " (text voxels) is not supported");
        }
        String msb = h.first("BinaryDataByteOrderMSB", "ElementByteOrderMSB");
        ByteOrder order = msb != null && msb.equalsIgnoreCase("True") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        Geometry g = geometry(h, Math.min(ndims, 3));
        Dimensions dims;
        try {
            dims = new Dimensions((int) size[0], (int) size[1], ndims > 2 ? (int) size[2] : 1);
        } catch (IllegalArgumentException e) {
            throw new MetaImageFormatException(file, h.offset("DimSize"), e.getMessage(), e);
        }
        Volume v = readData(h, type, order, dims, g);
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("elementType", h.get("ElementType"));
        String ao = h.get("AnatomicalOrientation");
        if (ao != null) {
            attrs.put("anatomicalOrientation", ao);
        }
        attrs.put("compressed", Boolean.toString(compressed(h)));
        return new LoadedImage(file, MetaImageFormat.NAME, v, attrs, Map.of(), warnings);
    }

    private SampleType sampleType(MetaImageHeader h) throws MetaImageFormatException {
        String et = h.get("ElementType");
        if (et == null) {
            throw new MetaImageFormatException(file, -1, "required ElementType is missing");
        }
        SampleType t = switch (et.strip().toUpperCase(Locale.ROOT)) {
            case "MET_UCHAR" -> SampleType.UINT8;
            case "MET_CHAR" -> SampleType.INT8;
            case "MET_SHORT" -> SampleType.INT16;
            case "MET_USHORT" -> SampleType.UINT16;
            case "MET_INT", "MET_LONG" -> SampleType.INT32;
            case "MET_UINT", "MET_ULONG" -> SampleType.UINT32;
            case "MET_FLOAT" -> SampleType.FLOAT32;
            case "MET_DOUBLE" -> SampleType.FLOAT64;
            default -> null;
        };
        if (t == null) {
            throw new MetaImageFormatException(file, h.offset("ElementType"), "unsupported ElementType " + et
                    + " (organ3d reads MET_UCHAR, MET_CHAR, MET_SHORT, MET_USHORT, MET_INT, MET_UINT, MET_FLOAT, MET_DOUBLE)");
        }
        return t;
    }

    private Geometry geometry(MetaImageHeader h, int n) throws MetaImageFormatException {
        double[] spacing = h.get("ElementSpacing") != null ? doubles(h, "ElementSpacing", n) : null;
        if (spacing == null) {
            spacing = h.get("ElementSize") != null ? doubles(h, "ElementSize", n) : new double[] {1, 1, 1};
            warnings.add(new ReadWarning(Kind.ASSUMED_GEOMETRY, file,
                    "no ElementSpacing; " + (h.get("ElementSize") != null ? "ElementSize" : "1 mm") + " used"));
        }
        for (int a = 0; a < n; a++) {
            if (!(spacing[a] > 0) || Double.isInfinite(spacing[a])) {
                throw new MetaImageFormatException(file, h.offset("ElementSpacing"), "ElementSpacing " + spacing[a] + " of axis " + a
                        + " must be positive and finite");
            }
        }
        String dirKey = h.get("TransformMatrix") != null ? "TransformMatrix" : h.get("Rotation") != null ? "Rotation" : "Orientation";
        double[] dir = h.get(dirKey) != null ? doubles(h, dirKey, n * n) : null;
        String offKey = h.get("Offset") != null ? "Offset" : h.get("Position") != null ? "Position" : "Origin";
        double[] origin = h.get(offKey) != null ? doubles(h, offKey, n) : new double[n];
        Matrix4d m = new Matrix4d();
        for (int a = 0; a < n; a++) {
            double[] c = new double[3];
            for (int r = 0; r < n; r++) {
                c[r] = (dir == null ? (a == r ? 1 : 0) : dir[a * n + r]) * spacing[a];
            }
            m.setColumn(a, new Vector4d(c[0], c[1], c[2], 0));
        }
        if (n == 2) {
            org.joml.Vector3d k = m.getColumn(0, new org.joml.Vector3d()).cross(m.getColumn(1, new org.joml.Vector3d())).normalize();
            m.setColumn(2, new Vector4d(k, 0));
        }
        m.setColumn(3, new Vector4d(origin[0], origin[1], n > 2 ? origin[2] : 0, 1));
        try {
            return Geometry.fromAffine(m);
        } catch (IllegalArgumentException e) {
            throw new MetaImageFormatException(file, h.offset(dirKey), "unusable geometry: " + e.getMessage(), e);
        }
    }

    private boolean compressed(MetaImageHeader h) {
        String c = h.get("CompressedData");
        return c != null && c.equalsIgnoreCase("True");
    }

    /** Prefix for errors about a detached data file (the message names the header first). */
    private String inData(Path data) {
        return data.equals(file) ? "" : "data file " + data + ": ";
    }

    private Volume readData(MetaImageHeader h, SampleType type, ByteOrder order, Dimensions dims, Geometry g) throws IOException {
        String edf = h.get("ElementDataFile");
        Path data = file;
        long start = h.dataOffset;
        if (!edf.equalsIgnoreCase("LOCAL")) {
            if (edf.toUpperCase(Locale.ROOT).startsWith("LIST") || edf.contains("%") || edf.strip().contains(" ")) {
                throw new MetaImageFormatException(file, h.offset("ElementDataFile"), "ElementDataFile \"" + edf
                        + "\" (several data files) is not supported; use one data file or LOCAL");
            }
            Path dir = file.toAbsolutePath().getParent();
            String why = options.dataFilesOutsideFolder() ? null : NamedPaths.outside(dir, edf.strip());
            if (why != null) {
                throw new MetaImageFormatException(file, h.offset("ElementDataFile"), "ElementDataFile \"" + edf.strip()
                        + "\" " + why + "; refused unless the read options allow data files outside the folder");
            }
            data = NamedPaths.resolve(dir, edf.strip());
            if (data == null) {
                throw new MetaImageFormatException(file, h.offset("ElementDataFile"), "ElementDataFile \"" + edf
                        + "\" is not a valid file name");
            }
            if (!Files.isRegularFile(data)) {
                throw new MetaImageFormatException(file, h.offset("ElementDataFile"), "data file " + data + " does not exist");
            }
            start = 0;
        }
        long fileLen = Files.size(data);
        long dataBytes = dims.voxelCount() * type.bytes();
        boolean z = compressed(h);
        if (!z && h.get("HeaderSize") != null && data != file) {
            long hs = longValue(h, "HeaderSize");
            start = hs == -1 ? fileLen - dataBytes : hs;
            if (start < 0) {
                throw new MetaImageFormatException(file, -1, inData(data) + "data file holds " + fileLen + " bytes, fewer than the " + dataBytes + " needed");
            }
        }
        try (FileChannel ch = FileChannel.open(data, StandardOpenOption.READ)) {
            ch.position(start);
            InputStream raw = new BufferedInputStream(Channels.newInputStream(ch), 1 << 16);
            if (!z) {
                if (start + dataBytes > fileLen) {
                    throw new MetaImageFormatException(file, -1, inData(data) + "file holds " + (fileLen - start) + " bytes of voxel data but " + dims
                            + " voxels of " + type.label() + " need " + dataBytes + " (truncated file or wrong DimSize)");
                }
                return new VoxelReader(type, order, errors, "byte").read(raw, start, dims, g,
                        Rescale.IDENTITY, file, warnings);
            }
            long avail = fileLen - start;
            if (h.get("CompressedDataSize") != null) {
                long cds = longValue(h, "CompressedDataSize");
                if (cds > avail) {
                    throw new MetaImageFormatException(file, -1, inData(data) + "CompressedDataSize " + cds + " but only " + avail
                            + " bytes follow the header (truncated file)");
                }
                if (cds > 0) {
                    avail = cds;
                }
            }
            Compressed.checkPlausible(dataBytes, avail, errors);
            try (InputStream in = Compressed.inflating(raw, errors)) {
                Volume v = new VoxelReader(type, order, errors, "decompressed byte").read(in, 0, dims, g,
                        Rescale.IDENTITY, file, warnings);
                Compressed.verifyEnd(in, dataBytes, errors, file, warnings);
                return v;
            }
        }
    }

    private long longValue(MetaImageHeader h, String key) throws MetaImageFormatException {
        String v = h.get(key);
        if (v == null) {
            throw new MetaImageFormatException(file, -1, "required " + key + " is missing");
        }
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw new MetaImageFormatException(file, h.offset(key), key + " \"" + v + "\" is not a whole number", e);
        }
    }

    private long[] longs(MetaImageHeader h, String key, int n) throws MetaImageFormatException {
        double[] d = doubles(h, key, n);
        long[] r = new long[n];
        for (int i = 0; i < n; i++) {
            if (d[i] != Math.rint(d[i])) {
                throw new MetaImageFormatException(file, h.offset(key), key + " value " + d[i] + " is not a whole number");
            }
            r[i] = (long) d[i];
        }
        return r;
    }

    private double[] doubles(MetaImageHeader h, String key, int n) throws MetaImageFormatException {
        String v = h.get(key);
        if (v == null) {
            throw new MetaImageFormatException(file, -1, "required " + key + " is missing");
        }
        String[] t = v.strip().split("\\s+");
        if (t.length < n) {
            throw new MetaImageFormatException(file, h.offset(key), key + " has " + t.length + " values, " + n + " needed");
        }
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            try {
                r[i] = Double.parseDouble(t[i]);
            } catch (NumberFormatException e) {
                throw new MetaImageFormatException(file, h.offset(key), key + " value \"" + t[i] + "\" is not a number", e);
            }
            if (Double.isNaN(r[i])) {
                throw new MetaImageFormatException(file, h.offset(key), key + " value " + i + " is NaN");
            }
        }
        return r;
    }
}
