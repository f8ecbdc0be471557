package org.organ3d.io.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.organ3d.io.ImageFormats;
import org.organ3d.io.LoadedImage;
import org.organ3d.io.dicom.codec.CodecException;

/**
 * The DICOM failure classes the fuzzer found (issue 21), one committed regression input each (in
 * {@code DicomFuzzTestInputs/part10}, replayed by {@link DicomFuzzTest} too), with the exact outcome:
 * a typed error naming the file, or a read that assumes a default and says so.
 */
class HostileDicomTest {

    private static Path input(String name) throws URISyntaxException {
        return Path.of(HostileDicomTest.class.getResource("DicomFuzzTestInputs/part10/regression-" + name).toURI());
    }

    private static String warnings(LoadedImage img) {
        return img.warnings().stream().map(w -> w.kind() + ": " + w.detail()).collect(java.util.stream.Collectors.joining("\n"));
    }

    @Test
    void parallelRowAndColumnCosinesAreNoOrientation() throws Exception {
        // was IllegalArgumentException from FrameHeader.unit
        LoadedImage img = ImageFormats.read(input("orientation-parallel.dcm"));
        assertTrue(warnings(img).contains("ASSUMED_GEOMETRY: no Image Orientation (Patient): axial orientation assumed"), warnings(img));
        assertEquals(64, img.volume().dimensions().nx());
    }

    @Test
    void absurdPixelSpacingIsNoSpacing() throws Exception {
        // was IllegalArgumentException from Geometry.<init> (singular index->LPS matrix)
        LoadedImage img = ImageFormats.read(input("geometry-singular.dcm"));
        assertTrue(warnings(img).contains("ASSUMED_GEOMETRY: no Pixel Spacing: 1 mm assumed"), warnings(img));
        assertEquals(1.0, img.volume().geometry().spacing().x(), 0);
    }

    @Test
    void integerPixelDataOf64BitsIsRefused() throws Exception {
        // was IllegalArgumentException from codec.FrameSpec ("bits stored 64 outside 1..32")
        Path f = input("bits-allocated-64.dcm");
        IOException e = assertThrows(IOException.class, () -> ImageFormats.read(f));
        assertTrue(e.getMessage().contains(f.getFileName().toString()) && e.getMessage().contains("bits allocated 64"),
                e.getMessage());
    }

    @Test
    void numberOfFramesContradictingItselfIsRefused() throws Exception {
        // was IllegalArgumentException "frame 1 of 1" from PixelDecoder.decode
        Path f = input("frames-disagree.dcm");
        DicomParseException e = assertThrows(DicomParseException.class, () -> ImageFormats.read(f));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("pixel module differs"), e.getMessage());
    }

    @Test
    void overfullHuffmanTableIsACodecError() throws Exception {
        // was ArrayIndexOutOfBoundsException "Index 2048 out of bounds for length 2048" in JpegHuffmanTable
        Path f = input("jpeg-huffman-overfull.dcm");
        CodecException e = assertThrows(CodecException.class, () -> ImageFormats.read(f));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("more codes of length 1"),
                e.getMessage());
    }

    @Test
    void jpeg2000PacketDataWithFfFfIsRefusedBeforeDecoding() throws Exception {
        // was an endless loop in jai-imageio's PktDecoder.readPktHead (the caller never returned): its bit
        // reader takes FF FF as an endless run of ones without reading on
        Path f = input("j2k-packet-header-loop.dcm");
        long t0 = System.nanoTime();
        CodecException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> assertThrows(CodecException.class, () -> ImageFormats.read(f)));
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("FFFF inside packet data"),
                e.getMessage());
        // NB: the codestream check refuses it, not the watchdog's time limit (3.3 s for 64x64)
        assertTrue(seconds < 3, "took " + seconds + " s");
    }

    @Test
    void aDeflateBombIsATypedErrorWhereTheHeapEnds(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        // NB: 512 MiB of zeros in one OB element, deflated to about 0.5 MB: a 128 MiB heap cannot inflate it
        byte[] src = java.nio.file.Files.readAllBytes(Path.of(HostileDicomTest.class.getResource("pydicom/image_dfl.dcm").toURI()));
        int metaLen = java.nio.ByteBuffer.wrap(src, 128 + 4 + 8, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
        int dataStart = 128 + 4 + 12 + metaLen;
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        bytes.write(src, 0, dataStart);
        try (java.util.zip.DeflaterOutputStream out = new java.util.zip.DeflaterOutputStream(bytes,
                new java.util.zip.Deflater(9, true))) {
            java.nio.ByteBuffer h = java.nio.ByteBuffer.allocate(12).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            h.putShort((short) 0x0009).putShort((short) 0x0010).put((byte) 'O').put((byte) 'B').putShort((short) 0)
                    .putInt(512 << 20);
            out.write(h.array());
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 512; i++) {
                out.write(zeros);
            }
        }
        Path bomb = tmp.resolve("bomb.dcm");
        java.nio.file.Files.write(bomb, bytes.toByteArray());
        String jvm = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        org.organ3d.testkit.Processes.Run run = org.organ3d.testkit.Processes.run(java.util.List.of(jvm, "-Xmx128m",
                "-cp", System.getProperty("java.class.path"), org.organ3d.io.ReadInChildJvm.class.getName(), bomb.toString()),
                tmp, Duration.ofSeconds(120));
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().startsWith("typed: DicomParseException: " + bomb) && run.out().contains("Java heap"), run.out());
    }
}
