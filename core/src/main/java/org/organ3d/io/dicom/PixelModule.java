package org.organ3d.io.dicom;

import java.nio.file.Path;
import java.util.Locale;
import org.organ3d.io.dicom.codec.FrameSpec;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.VoxelType;

/**
 * The image pixel module of one file (PS3.3 C.7.6.3), validated: sizes within
 * {@link Dimensions#MAX_EXTENT}, bits allocated 8, 16 or 32, bits stored and high bit consistent,
 * one or three samples per pixel.
 *
 * @param rows                Rows (0028,0010)
 * @param columns             Columns (0028,0011)
 * @param samplesPerPixel     1 (grey) or 3 (colour)
 * @param bitsAllocated       8, 16 or 32 (32 also for float pixel data)
 * @param bitsStored          significant bits of each sample
 * @param highBit             most significant bit of each sample (normally bitsStored − 1)
 * @param signed              Pixel Representation == 1 (two's complement)
 * @param planarConfiguration 0 interleaved (R G B R G B), 1 by plane (R R .. G G .. B B ..)
 * @param photometric         Photometric Interpretation, upper case (MONOCHROME1, MONOCHROME2, RGB ...)
 * @param frames              Number of Frames (1 when absent)
 * @param pixelTag            which pixel element holds the data: (7FE0,0010), or float (7FE0,0008) /
 *                            double float (7FE0,0009) pixel data
 */
public record PixelModule(int rows, int columns, int samplesPerPixel, int bitsAllocated, int bitsStored, int highBit,
        boolean signed, int planarConfiguration, String photometric, int frames, int pixelTag) {

    /** Most frames accepted in one file. */
    public static final int MAX_FRAMES = Dimensions.MAX_EXTENT;

    /** Reads and validates the pixel module of {@code ds}. */
    public static PixelModule of(Attributes ds, Path file) throws DicomParseException {
        try {
            int pixelTag = ds.contains(Tag.PixelData) ? Tag.PixelData
                    : ds.contains(Tag.FloatPixelData) ? Tag.FloatPixelData
                    : ds.contains(Tag.DoubleFloatPixelData) ? Tag.DoubleFloatPixelData : 0;
            if (pixelTag == 0) {
                throw new DicomParseException(file, -1, "no pixel data (7FE0,0010) in this file");
            }
            int rows = ds.getInt(Tag.Rows, -1);
            int cols = ds.getInt(Tag.Columns, -1);
            if (rows < 1 || cols < 1 || rows > Dimensions.MAX_EXTENT || cols > Dimensions.MAX_EXTENT) {
                throw new DicomParseException(file, offset(ds, Tag.Rows), "absurd image size: rows " + rows
                        + ", columns " + cols + " (1.." + Dimensions.MAX_EXTENT + " accepted)");
            }
            int spp = ds.getInt(Tag.SamplesPerPixel, 1);
            if (spp != 1 && spp != 3) {
                throw new DicomParseException(file, offset(ds, Tag.SamplesPerPixel), "samples per pixel " + spp + " (1 or 3 accepted)");
            }
            int ba = pixelTag == Tag.PixelData ? ds.getInt(Tag.BitsAllocated, -1) : pixelTag == Tag.FloatPixelData ? 32 : 64;
            // NB: 64 bits only as Double Float Pixel Data; integer Pixel Data of 64 bits is refused
            if (ba != 8 && ba != 16 && ba != 32 && (ba != 64 || pixelTag == Tag.PixelData)) {
                throw new DicomParseException(file, offset(ds, Tag.BitsAllocated), "bits allocated " + ba
                        + (ba == 1 ? " (1-bit bitmaps are not volumes organ3d reads)" : " (8, 16 or 32 accepted)"));
            }
            int bs = pixelTag == Tag.PixelData ? ds.getInt(Tag.BitsStored, ba) : ba;
            int hb = pixelTag == Tag.PixelData ? ds.getInt(Tag.HighBit, bs - 1) : ba - 1;
            if (bs < 1 || bs > ba || hb < bs - 1 || hb >= ba) {
                throw new DicomParseException(file, offset(ds, Tag.BitsStored), "inconsistent bits: allocated " + ba
                        + ", stored " + bs + ", high bit " + hb);
            }
            boolean signed = ds.getInt(Tag.PixelRepresentation, 0) == 1;
            int planar = ds.getInt(Tag.PlanarConfiguration, 0);
            String pi = ds.getString(Tag.PhotometricInterpretation);
            pi = pi == null ? (spp == 1 ? "MONOCHROME2" : "RGB") : pi.toUpperCase(Locale.ROOT);
            int frames = ds.getInt(Tag.NumberOfFrames, 1);
            if (frames < 1 || frames > MAX_FRAMES) {
                throw new DicomParseException(file, offset(ds, Tag.NumberOfFrames), "absurd number of frames " + frames);
            }
            return new PixelModule(rows, cols, spp, ba, bs, hb, signed, planar == 1 ? 1 : 0, pi, frames, pixelTag);
        } catch (NumberFormatException e) {
            throw new DicomParseException(file, -1, "bad number in the pixel module: " + e.getMessage(), e);
        }
    }

    private static long offset(Attributes ds, int tag) {
        Attributes.Element e = ds.get(tag);
        return e == null ? -1 : e.offset();
    }

    /** Pixels per frame (rows × columns). */
    public int pixelCount() {
        return rows * columns;
    }

    /** Bytes of one native (uncompressed) frame. */
    public long frameBytes() {
        // NB: native YBR_FULL_422 stores two luma and two chroma samples per pair of pixels
        int samples = samplesPerPixel == 3 && "YBR_FULL_422".equals(photometric) ? 2 : samplesPerPixel;
        return (long) rows * columns * samples * (bitsAllocated / 8);
    }

    /** True for float or double float pixel data. */
    public boolean isFloat() {
        return pixelTag != Tag.PixelData;
    }

    /** True for MONOCHROME1 (minimum is white): organ3d inverts such stored values. */
    public boolean inverted() {
        return "MONOCHROME1".equals(photometric);
    }

    /** Smallest stored value possible from bits stored and pixel representation. */
    public long minStored() {
        return signed ? -(1L << (bitsStored - 1)) : 0;
    }

    /** Largest stored value possible from bits stored and pixel representation. */
    public long maxStored() {
        return signed ? (1L << (bitsStored - 1)) - 1 : (1L << bitsStored) - 1;
    }

    /**
     * The voxel type that holds every stored value of this module exactly: uint8/int8 for 8-bit,
     * uint16 for unsigned 16-bit, int16 for signed up to 16 bits, int32 for 32-bit up to 31 bits or
     * signed, float32 for unsigned 32-bit stored in 32 bits and for float pixel data.
     */
    public VoxelType naturalType() {
        return typeFor(minStored(), maxStored(), bitsAllocated, isFloat());
    }

    /** The smallest voxel type for stored values in [min, max]. */
    public static VoxelType typeFor(long min, long max, int bitsAllocated, boolean isFloat) {
        if (isFloat) {
            return VoxelType.FLOAT32;
        }
        if (bitsAllocated == 8 && min >= 0 && max <= 255) {
            return VoxelType.UINT8;
        }
        if (bitsAllocated == 8 && min >= -128 && max <= 127) {
            return VoxelType.INT8;
        }
        if (min >= 0 && max <= 65535) {
            return VoxelType.UINT16;
        }
        if (min >= Short.MIN_VALUE && max <= Short.MAX_VALUE) {
            return VoxelType.INT16;
        }
        if (min >= Integer.MIN_VALUE && max <= Integer.MAX_VALUE) {
            return VoxelType.INT32;
        }
        return VoxelType.FLOAT32;
    }

    /** The frame description handed to a codec. */
    public FrameSpec frameSpec() {
        return new FrameSpec(columns, rows, samplesPerPixel, Math.min(bitsAllocated, 32), bitsStored, signed,
                planarConfiguration, photometric);
    }
}
