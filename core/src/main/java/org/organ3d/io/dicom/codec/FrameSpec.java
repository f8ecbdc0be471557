package org.organ3d.io.dicom.codec;

/**
 * What a decoder needs to know about one frame, from the DICOM pixel module.
 *
 * @param columns             Columns (0028,0011)
 * @param rows                Rows (0028,0010)
 * @param samplesPerPixel     Samples per Pixel (0028,0002): 1 (grey) or 3 (colour)
 * @param bitsAllocated       Bits Allocated (0028,0100): 8, 16 or 32
 * @param bitsStored          Bits Stored (0028,0101)
 * @param signed              Pixel Representation (0028,0103) == 1
 * @param planarConfiguration Planar Configuration (0028,0006): 0 interleaved, 1 by plane
 * @param photometric         Photometric Interpretation (0028,0004), e.g. MONOCHROME2, RGB, YBR_FULL_422
 */
public record FrameSpec(int columns, int rows, int samplesPerPixel, int bitsAllocated, int bitsStored,
        boolean signed, int planarConfiguration, String photometric) {

    public FrameSpec {
        if (columns < 1 || rows < 1 || columns > 65535 || rows > 65535) {
            throw new IllegalArgumentException("bad frame size " + columns + "x" + rows);
        }
        if (samplesPerPixel != 1 && samplesPerPixel != 3) {
            throw new IllegalArgumentException("samples per pixel must be 1 or 3: " + samplesPerPixel);
        }
        if (bitsAllocated != 1 && bitsAllocated != 8 && bitsAllocated != 16 && bitsAllocated != 32) {
            throw new IllegalArgumentException("bits allocated must be 8, 16 or 32: " + bitsAllocated);
        }
        if (bitsStored < 1 || bitsStored > bitsAllocated) {
            throw new IllegalArgumentException("bits stored " + bitsStored + " outside 1.." + bitsAllocated);
        }
        if ((long) columns * rows * samplesPerPixel > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a frame of " + columns + "x" + rows + "x" + samplesPerPixel
                    + " samples exceeds the largest Java array");
        }
    }

    /** Samples in one decoded frame: columns × rows × samples per pixel. */
    public int sampleCount() {
        return columns * rows * samplesPerPixel;
    }
}
