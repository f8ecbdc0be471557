package org.organ3d.io.dicom.codec;

import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * 8-bit DCT JPEG (baseline, extended, progressive) through the JDK's ImageIO JPEG reader.
 *
 * <p>The stream is read as a raw {@link Raster} so that ImageIO does no colour guessing of its own;
 * this class then decides, in the order DICOM and pydicom/GDCM practice agree on: a YBR_* Photometric
 * Interpretation means the samples are YCbCr and are converted to RGB (full range for YBR_FULL*,
 * ITU-R BT.601 studio range for YBR_PARTIAL*); an RGB Photometric Interpretation is trusted unless
 * the stream itself says it holds YCbCr (a JFIF APP0 segment, or Adobe APP14 with transform 1),
 * which is what GDCM writes when it compresses RGB with libjpeg.
 *
 * <p>Caveats: chroma upsampling is libjpeg's (the JDK's native library), so results can differ from
 * other decoders by a grey level or two; this is a lossy syntax. The frame size in SOF is checked
 * against the DICOM header before ImageIO allocates anything. Any libjpeg warning (premature end
 * of data, corrupt data) is an error here: libjpeg would otherwise fill the rest of the image with
 * grey and carry on.
 */
final class JpegImageIo {

    static final String NAME = "JPEG (ImageIO)";

    private JpegImageIo() {
    }

    static int[] decode(byte[] data, FrameSpec spec) throws CodecException {
        JpegMarkerReader r = new JpegMarkerReader(data, NAME);
        r.expectSoi();
        boolean streamSaysYcc = false;
        boolean streamSaysRgb = false;
        JpegFrameHeader frame = null;
        for (int marker = r.nextMarker(); marker >= 0 && frame == null; marker = r.nextMarker()) {
            int at = r.position();
            if (marker == 0xC0 || marker == 0xC1 || marker == 0xC2) {
                frame = JpegFrameHeader.read(r, marker, NAME);
                frame.check(spec, NAME, at);
            } else if (marker == JpegMarkerReader.SOS || marker == JpegMarkerReader.EOI) {
                break;
            } else {
                int p = r.segment();
                int len = r.payloadLength(p);
                if (marker == 0xE0 && len >= 5 && r.u16(p) == 0x4A46 && r.u16(p + 2) == 0x4946 && r.u8(p + 4) == 0) {
                    streamSaysYcc = true;
                } else if (marker == 0xEE && len >= 12 && r.u16(p) == 0x4164 && r.u16(p + 2) == 0x6F62) {
                    int transform = r.u8(p + 11);
                    streamSaysYcc = transform == 1;
                    streamSaysRgb = transform == 0;
                }
            }
        }
        if (frame == null) {
            throw CodecException.at(NAME, r.position(), "no frame header");
        }
        Raster raster = read(data);
        if (raster.getWidth() != spec.columns() || raster.getHeight() != spec.rows()
                || raster.getNumBands() != spec.samplesPerPixel()) {
            throw CodecException.at(NAME, 0, "ImageIO decoded " + raster.getWidth() + "x" + raster.getHeight() + "x"
                    + raster.getNumBands() + ", the DICOM header says " + spec.columns() + "x" + spec.rows() + "x"
                    + spec.samplesPerPixel());
        }
        int[] out = raster.getPixels(0, 0, spec.columns(), spec.rows(), new int[spec.sampleCount()]);
        if (spec.samplesPerPixel() == 3) {
            String pi = spec.photometric() == null ? "" : spec.photometric().trim();
            boolean ycc = pi.startsWith("YBR") || (!streamSaysRgb && streamSaysYcc);
            if (ycc) {
                YccToRgb.convert(out, pi.startsWith("YBR_PARTIAL"));
            }
        }
        if (spec.bitsStored() < 8) {
            int mask = (1 << spec.bitsStored()) - 1;
            for (int i = 0; i < out.length; i++) {
                out[i] &= mask;
            }
        }
        return out;
    }

    private static Raster read(byte[] data) throws CodecException {
        ImageReader reader = reader();
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(data))) {
            reader.setInput(in, true, true);
            Raster raster = reader.readRaster(0, null);
            if (!warnings.isEmpty()) {
                // NB: libjpeg only warns on truncated or corrupt data and fills the rest with grey.
                throw CodecException.at(NAME, data.length, "corrupt or truncated stream: " + warnings.get(0));
            }
            return raster;
        } catch (CodecException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw CodecException.at(NAME, 0, "ImageIO could not decode the stream: " + e.getMessage(), e);
        } finally {
            reader.dispose();
        }
    }

    /** A fresh JDK JPEG reader (readers are not thread-safe, so never shared). */
    private static ImageReader reader() throws CodecException {
        ImageReader fallback = null;
        for (Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName("jpeg"); it.hasNext(); ) {
            ImageReader candidate = it.next();
            if (candidate.getClass().getName().startsWith("com.sun.imageio")) {
                return candidate;
            }
            if (fallback == null && candidate.canReadRaster()) {
                fallback = candidate;
            }
        }
        if (fallback == null) {
            throw new CodecException(NAME + ": no ImageIO JPEG reader in this Java runtime");
        }
        return fallback;
    }
}
