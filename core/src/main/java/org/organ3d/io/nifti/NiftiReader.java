package org.organ3d.io.nifti;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.joml.Matrix4d;
import org.organ3d.io.LoadedImage;
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
 * Reads one NIfTI-1 or NIfTI-2 image ({@code .nii} or gzip-compressed {@code .nii.gz}, either byte
 * order; also the two-file {@code .hdr} + {@code .img} layout) into a {@link LoadedImage} with
 * geometry in LPS.
 *
 * <p>Geometry: the sform when {@code sform_code > 0}, else the qform when {@code qform_code > 0}, else
 * pixdim alone (NIfTI method 1; nibabel instead centres such images and flips x, as ANALYZE did).
 * NIfTI's affines map to RAS; the LPS affine is {@code diag(−1, −1, 1, 1) · A}, applied once here.
 * organ3d's own comment extension, when present and consistent, restores the affine and rescale in
 * double precision ({@link Organ3dExtension}).
 *
 * <p>Voxels: streamed slice by slice into the volume (see {@link VoxelReader}); for gzip, the
 * declared size is checked against the compressed size before any slice is allocated. More than
 * three dimensions: when dims 4..7 are all 1 the image is 3D; otherwise the first 3D volume is read
 * and a warning says so. {@code scl_slope = 0} (or non-finite) means no rescale.
 */
final class NiftiReader {

    /** Largest vox_offset accepted for compressed files (headers with extensions are small). */
    private static final long MAX_COMPRESSED_OFFSET = 64L << 20;

    private final Path file;
    /** NB: kept for the detached-data-file rule ({@link ReadOptions#dataFilesOutsideFolder()}). */
    private final ReadOptions options;
    private final FormatErrors errors;

    NiftiReader(Path file, ReadOptions options) {
        this.file = file;
        this.options = options;
        this.errors = (off, cause, t) -> new NiftiFormatException(file, off, cause, t);
    }

    LoadedImage read() throws IOException {
        long fileSize = Files.size(file);
        boolean gz = isGzip(file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            InputStream raw = new BufferedInputStream(Channels.newInputStream(ch), 1 << 16);
            InputStream in = gz ? Compressed.inflating(raw, errors) : raw;
            try (in) {
                return read(in, gz, fileSize);
            }
        }
    }

    private LoadedImage read(InputStream in, boolean gz, long fileSize) throws IOException {
        byte[] first = readHeaderBytes(in, 4, 0);
        NiftiHeader h = NiftiHeader.sniff(first);
        if (h == null) {
            throw new NiftiFormatException(file, 0, String.format("not a NIfTI file: sizeof_hdr bytes %02x %02x %02x %02x"
                    + " are neither 348 (NIfTI-1) nor 540 (NIfTI-2) in either byte order", first[0], first[1], first[2], first[3]));
        }
        byte[] hdr = new byte[h.size()];
        System.arraycopy(first, 0, hdr, 0, 4);
        System.arraycopy(readHeaderBytes(in, h.size() - 4, 4), 0, hdr, 4, h.size() - 4);
        h.decode(hdr, file);
        List<ReadWarning> warnings = new ArrayList<>();
        Dimensions dims = dimensions(h, warnings);
        SampleType type = sampleType(h, warnings);
        long dataBytes = dims.voxelCount() * type.bytes();

        double vo = h.voxOffset;
        long minOffset = h.pair ? 0 : h.size();
        if (!(vo >= minOffset) || vo != Math.rint(vo)) {
            throw new NiftiFormatException(file, h.version == 1 ? 108 : 168, "vox_offset " + vo
                    + " must be a whole number of at least " + minOffset);
        }
        long voxOffset = (long) vo;
        if (!h.pair) {
            checkSize(file, gz, fileSize, voxOffset, dataBytes, dims, type);
            long extLen = Math.min(voxOffset - h.size(), 16L << 20);
            Organ3dExtension o3 = Organ3dExtension.find(readHeaderBytes(in, (int) extLen, h.size()), h.order);
            try {
                in.skipNBytes(voxOffset - h.size() - extLen);
            } catch (EOFException e) {
                throw new NiftiFormatException(file, -1, "vox_offset " + voxOffset + " is past the end of the file", e);
            }
            return finish(h, o3, dims, type, in, gz, voxOffset, dataBytes, warnings);
        }
        // NB: two-file NIfTI: extensions follow the header in the .hdr; vox_offset counts in the .img.
        Organ3dExtension o3 = Organ3dExtension.find(in.readNBytes(1 << 20), h.order);
        Path img = pairedImage();
        boolean imgGz = isGzip(img);
        checkSize(img, imgGz, Files.size(img), voxOffset, dataBytes, dims, type);
        InputStream raw = new BufferedInputStream(Files.newInputStream(img), 1 << 16);
        try (InputStream data = imgGz ? Compressed.inflating(raw, errors) : raw) {
            try {
                data.skipNBytes(voxOffset);
            } catch (EOFException e) {
                // NB: a compressed .img is only checked for a plausible size before it is inflated
                throw new NiftiFormatException(file, -1, inData(img) + "vox_offset " + voxOffset + " is past the end of the data", e);
            }
            return finish(h, o3, dims, type, data, imgGz, voxOffset, dataBytes, warnings);
        } finally {
            raw.close();
        }
    }

    private void checkSize(Path dataFile, boolean gz, long size, long voxOffset, long dataBytes, Dimensions dims, SampleType type)
            throws org.organ3d.io.ImageFormatException {
        if (gz) {
            if (voxOffset > MAX_COMPRESSED_OFFSET) {
                throw new NiftiFormatException(file, -1, inData(dataFile) + "vox_offset " + voxOffset + " is absurdly large for a compressed file");
            }
            FormatErrors here = (off, cause, t) -> new NiftiFormatException(file, -1, inData(dataFile) + cause, t);
            Compressed.checkPlausible(voxOffset + dataBytes, size, here);
        } else if (voxOffset + dataBytes > size) {
            throw new NiftiFormatException(file, -1, inData(dataFile) + "file holds " + size + " bytes but the header needs " + (voxOffset + dataBytes)
                    + " (vox_offset " + voxOffset + " + " + dims + " voxels of " + type.label() + "): truncated file or wrong dimensions");
        }
    }

    /** Prefix for errors about the .img of a two-file pair (the message names the header first). */
    private String inData(Path dataFile) {
        return dataFile.equals(file) ? "" : "image file " + dataFile + ": ";
    }

    /** The .img (or .img.gz) beside a two-file header. */
    private Path pairedImage() throws NiftiFormatException {
        String n = file.getFileName().toString();
        String base = n.replaceFirst("(?i)\\.hdr(\\.gz)?$", "");
        for (String ext : new String[] {".img", ".IMG", ".img.gz", ".IMG.gz"}) {
            Path p = file.resolveSibling(base + ext);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new NiftiFormatException(file, -1, "two-file NIfTI header (magic ni1/ni2) but no " + base + ".img beside it");
    }

    private LoadedImage finish(NiftiHeader h, Organ3dExtension o3, Dimensions dims, SampleType type, InputStream in, boolean gz,
            long voxOffset, long dataBytes, List<ReadWarning> warnings) throws IOException {
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("niftiVersion", Integer.toString(h.version));
        attrs.put("byteOrder", h.order.toString());
        attrs.put("datatype", type.label());
        attrs.put("qformCode", Integer.toString(h.qformCode));
        attrs.put("sformCode", Integer.toString(h.sformCode));
        if (!h.descrip.isEmpty()) {
            attrs.put("description", h.descrip);
        }
        Geometry g = geometry(h, o3, attrs, warnings);
        Rescale r = rescale(h, o3, warnings);

        Volume v = new VoxelReader(type, h.order, errors, gz ? "decompressed byte" : "byte")
                .read(in, voxOffset, dims, g, r, file, warnings);
        if (gz && warnings.stream().noneMatch(w -> w.kind() == Kind.IGNORED_DATA)) {
            Compressed.verifyEnd(in, voxOffset + dataBytes, errors, file, warnings);
        }
        Map<Integer, org.organ3d.volume.LabelInfo> labels = o3 == null ? Map.of() : o3.labels;
        return new LoadedImage(file, NiftiFormat.NAME, v, attrs, labels, warnings);
    }

    private Dimensions dimensions(NiftiHeader h, List<ReadWarning> warnings) throws NiftiFormatException {
        long n = h.dim[0];
        if (n < 1 || n > 7) {
            throw new NiftiFormatException(file, 40, "dim[0] = " + n + " (number of dimensions) must be 1..7");
        }
        long[] d = {1, 1, 1};
        long extra = 1;
        for (int i = 1; i <= n; i++) {
            if (h.dim[i] < 1) {
                throw new NiftiFormatException(file, 40, "dim[" + i + "] = " + h.dim[i] + " must be positive");
            }
            if (i <= 3) {
                d[i - 1] = h.dim[i];
            } else {
                extra = Math.multiplyHigh(extra, h.dim[i]) != 0 ? Long.MAX_VALUE : extra * h.dim[i];
            }
        }
        for (int i = 0; i < 3; i++) {
            if (d[i] > Dimensions.MAX_EXTENT) {
                throw new NiftiFormatException(file, 40, "dim[" + (i + 1) + "] = " + d[i] + " is absurd (more than "
                        + Dimensions.MAX_EXTENT + ")");
            }
        }
        if (extra > 1) {
            warnings.add(new ReadWarning(Kind.IGNORED_DATA, file,
                    "image has " + n + " dimensions (" + extra + " volumes); only the first 3D volume was read"));
        }
        try {
            return new Dimensions((int) d[0], (int) d[1], (int) d[2]);
        } catch (IllegalArgumentException e) {
            throw new NiftiFormatException(file, 40, e.getMessage(), e);
        }
    }

    private SampleType sampleType(NiftiHeader h, List<ReadWarning> warnings) throws NiftiFormatException {
        SampleType t = switch (h.datatype) {
            case 2 -> SampleType.UINT8;
            case 4 -> SampleType.INT16;
            case 8 -> SampleType.INT32;
            case 16 -> SampleType.FLOAT32;
            case 64 -> SampleType.FLOAT64;
            case 256 -> SampleType.INT8;
            case 512 -> SampleType.UINT16;
            case 768 -> SampleType.UINT32;
            default -> null;
        };
        if (t == null) {
            String name = switch (h.datatype) {
                case 1 -> "binary (1 bit)";
                case 32, 1792, 2048 -> "complex";
                case 128, 2304 -> "RGB/RGBA";
                case 1024 -> "int64";
                case 1280 -> "uint64";
                case 1536 -> "float128";
                default -> "unknown";
            };
            throw new NiftiFormatException(file, h.version == 1 ? 70 : 12, "unsupported datatype " + h.datatype + " (" + name
                    + "); organ3d reads uint8, int8, int16, uint16, int32, uint32, float32 and float64");
        }
        if (h.bitpix != t.bytes() * 8) {
            warnings.add(new ReadWarning(Kind.INCONSISTENT_HEADER, file,
                    "bitpix " + h.bitpix + " does not match datatype " + t.label() + "; datatype used"));
        }
        return t;
    }

    private Geometry geometry(NiftiHeader h, Organ3dExtension o3, Map<String, String> attrs, List<ReadWarning> warnings)
            throws NiftiFormatException {
        Matrix4d ras = null;
        String source = null;
        if (h.sformCode > 0) {
            ras = NiftiAffines.fromSrow(h.srow);
            source = "sform";
            if (!usable(ras)) {
                warnings.add(new ReadWarning(Kind.INCONSISTENT_GEOMETRY, file,
                        "sform is singular or not finite; " + (h.qformCode > 0 ? "qform" : "pixdim") + " used instead"));
                ras = null;
            }
        }
        if (ras == null && h.qformCode > 0) {
            double[] p = positivePixdims(h);
            ras = NiftiAffines.fromQuaternion(h.quaternB, h.quaternC, h.quaternD, h.pixdim[0], p[0], p[1], p[2],
                    h.qoffset[0], h.qoffset[1], h.qoffset[2]);
            source = "qform";
            if (!usable(ras)) {
                throw new NiftiFormatException(file, h.version == 1 ? 256 : 352, "qform is not finite (quatern_b/c/d or qoffset)");
            }
        }
        if (ras == null) {
            double[] p = positivePixdims(h);
            ras = NiftiAffines.fromPixdim(p[0], p[1], p[2]);
            source = "pixdim";
            warnings.add(new ReadWarning(Kind.ASSUMED_GEOMETRY, file,
                    "no sform or qform (both codes 0): voxel size from pixdim, origin 0, RAS axes (NIfTI method 1)"));
        }
        if (source.equals("sform") && h.qformCode > 0) {
            double[] p = positivePixdimsOrNull(h);
            if (p != null) {
                Matrix4d q = NiftiAffines.fromQuaternion(h.quaternB, h.quaternC, h.quaternD, h.pixdim[0], p[0], p[1], p[2],
                        h.qoffset[0], h.qoffset[1], h.qoffset[2]);
                if (!q.equals(ras, 1e-3)) {
                    warnings.add(new ReadWarning(Kind.INCONSISTENT_GEOMETRY, file,
                            "qform and sform differ by more than 0.001 mm (e.g. a sheared sform); sform used"));
                }
            }
        }
        if (o3 != null && o3.affineRas != null && Organ3dExtension.agrees(o3.affineRas, ras)) {
            ras = o3.affineRas;
        }
        attrs.put("geometrySource", source);
        try {
            return Geometry.fromAffine(NiftiAffines.flipXY(ras));
        } catch (IllegalArgumentException e) {
            throw new NiftiFormatException(file, -1, "unusable " + source + " geometry: " + e.getMessage(), e);
        }
    }

    private static boolean usable(Matrix4d m) {
        double det = m.determinant3x3();
        return Double.isFinite(det) && Math.abs(det) > 1e-12 && m.isFinite();
    }

    private double[] positivePixdims(NiftiHeader h) throws NiftiFormatException {
        double[] p = positivePixdimsOrNull(h);
        if (p == null) {
            throw new NiftiFormatException(file, h.version == 1 ? 80 : 112, String.format("pixdim[1..3] = %s, %s, %s:"
                    + " voxel sizes must be positive and finite", h.pixdim[1], h.pixdim[2], h.pixdim[3]));
        }
        return p;
    }

    private static double[] positivePixdimsOrNull(NiftiHeader h) {
        double[] p = {h.pixdim[1], h.pixdim[2], h.pixdim[3]};
        for (int i = 0; i < 3; i++) {
            if (!(p[i] > 0) || !Double.isFinite(p[i])) {
                // NB: a 2D image's unused pixdim[3] is often 0; nifti1_io treats it as 1.
                if (p[i] == 0 && i + 1 > h.dim[0]) {
                    p[i] = 1;
                    continue;
                }
                return null;
            }
        }
        return p;
    }

    private Rescale rescale(NiftiHeader h, Organ3dExtension o3, List<ReadWarning> warnings) {
        double s = h.sclSlope;
        double i = h.sclInter;
        if (s == 0 || !Double.isFinite(s)) {
            return Rescale.IDENTITY;
        }
        if (!Double.isFinite(i)) {
            warnings.add(new ReadWarning(Kind.INCONSISTENT_HEADER, file, "scl_inter is not finite; 0 used"));
            i = 0;
        }
        if (o3 != null && Double.isFinite(o3.slope) && (float) o3.slope == (float) s && (float) o3.intercept == (float) i) {
            s = o3.slope;
            i = o3.intercept;
        }
        return new Rescale(s, i);
    }

    private byte[] readHeaderBytes(InputStream in, int n, long offset) throws IOException {
        byte[] b;
        try {
            b = in.readNBytes(n);
        } catch (IOException e) {
            throw new NiftiFormatException(file, offset, "cannot read the header: " + e.getMessage(), e);
        }
        if (b.length < n) {
            throw new NiftiFormatException(file, offset + b.length, "file ends inside the header (needs " + (offset + n) + " bytes)");
        }
        return b;
    }

    static boolean isGzip(Path p) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }
}
