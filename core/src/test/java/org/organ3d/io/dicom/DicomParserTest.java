package org.organ3d.io.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.organ3d.io.ImageFormatException;
import org.organ3d.io.ImageFormats;
import org.organ3d.io.LoadedImage;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/** Parsing: syntaxes, sequences, encapsulated data, pixel modules, and bad input. */
class DicomParserTest {

    @TempDir
    Path tmp;

    private static DicomFile parse(byte[] b) throws DicomParseException {
        return DicomParser.parse(Path.of("test.dcm"), ByteBuffer.wrap(b));
    }

    @Test
    void nestedSequencesWithDefinedAndUndefinedLengths() throws Exception {
        byte[] inner = Bytes.le().text(Tag.ImagePositionPatient, "DS", "1\\2\\3").bytes();
        // item of undefined length inside a sequence of undefined length, inside a defined-length item
        byte[] innerSeq = Bytes.le().longEl(Tag.PlanePositionSequence, "SQ", 0xFFFFFFFFL, new byte[0])
                .tag(Tag.Item).u32(0xFFFFFFFFL).raw(inner).tag(Tag.ItemDelimitationItem).u32(0)
                .tag(Tag.SequenceDelimitationItem).u32(0).bytes();
        byte[] item = Bytes.le().tag(Tag.Item).u32(innerSeq.length).raw(innerSeq).bytes();
        byte[] ds = Bytes.le().part10(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid())
                .text(Tag.Modality, "CS", "CT")
                .longEl(Tag.SharedFunctionalGroupsSequence, "SQ", item.length, item)
                .us(Tag.Rows, 7).bytes();
        Attributes a = parse(ds).dataset();
        assertEquals("CT", a.getString(Tag.Modality));
        assertEquals(7, a.getInt(Tag.Rows, -1));
        Attributes pp = a.getItem(Tag.SharedFunctionalGroupsSequence).getItem(Tag.PlanePositionSequence);
        assertArrayEquals(new double[] {1, 2, 3}, pp.getDoubles(Tag.ImagePositionPatient));
    }

    @Test
    void implicitUndefinedLengthUnknownTagIsASequence() throws Exception {
        byte[] item = Bytes.le().implicitEl(Tag.PatientID, "AB".getBytes()).bytes();
        byte[] ds = Bytes.le().implicitEl(Tag.PatientName, "X^Y ".getBytes())
                .tag(0x00291010).u32(0xFFFFFFFFL).tag(Tag.Item).u32(item.length).raw(item)
                .tag(Tag.SequenceDelimitationItem).u32(0)
                .implicitEl(Tag.Rows, Bytes.le().u16(3).bytes()).bytes();
        DicomFile f = parse(ds);
        assertEquals(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, f.transferSyntax());
        assertEquals("AB", f.dataset().getItem(0x00291010).getString(Tag.PatientID));
        assertEquals(3, f.dataset().getInt(Tag.Rows, -1));
    }

    @Test
    void rawImplicitDatasetWithoutPreambleDecodes() throws Exception {
        // strip preamble and meta from pydicom's implicit VR file: an "old archive" bare dataset
        byte[] whole = Files.readAllBytes(Fixtures.path("pydicom/MR_small_implicit.dcm"));
        DicomFile f = DicomParser.read(Fixtures.path("pydicom/MR_small_implicit.dcm"));
        int metaEnd = 132 + 12 + f.meta().getInt(Tag.FileMetaInformationGroupLength, -1);
        Path bare = tmp.resolve("bare");
        Files.write(bare, Arrays.copyOfRange(whole, metaEnd, whole.length));
        Volume v = ImageFormats.read(bare).volume();
        Volume ref = ImageFormats.read(Fixtures.path("pydicom/MR_small.dcm")).volume();
        for (int j = 0; j < 64; j++) {
            for (int i = 0; i < 64; i++) {
                assertEquals(ref.raw(i, j, 0), v.raw(i, j, 0));
            }
        }
    }

    @Test
    void bigEndianWithoutMetaIsRecognised() throws Exception {
        DicomFile f = DicomParser.read(Fixtures.path("pydicom/MR_small_bigendian.dcm"));
        assertEquals(TransferSyntax.EXPLICIT_VR_BIG_ENDIAN, f.transferSyntax());
        assertEquals(64, f.dataset().getInt(Tag.Rows, -1));
    }

    @Test
    void headerOnlyParseStopsAtPixelData() throws Exception {
        DicomFile f = DicomParser.readHeader(Fixtures.path("pydicom/CT_small.dcm"));
        assertTrue(!f.complete());
        assertEquals(128 * 128 * 2, f.pixelLength());
        assertEquals(0, f.dataset().get(Tag.PixelData).length());
    }

    @Test
    void headerLongerThanThePrefixIsReadWhole() throws Exception {
        Attributes ds = new Attributes();
        ds.setString(Tag.SOPClassUID, VR.UI, Uids.SECONDARY_CAPTURE_IMAGE_STORAGE);
        ds.setString(Tag.SOPInstanceUID, VR.UI, Uids.random());
        ds.setBytes(0x00091010, VR.OB, new byte[300_000]);
        ds.setInt(Tag.Rows, VR.US, 2).setInt(Tag.Columns, VR.US, 2).setInt(Tag.BitsAllocated, VR.US, 16);
        ds.setBytes(Tag.PixelData, VR.OW, new byte[8]);
        Path p = tmp.resolve("longheader.dcm");
        DicomWriter.write(p, ds);
        DicomFile f = DicomParser.readHeader(p);
        assertEquals(8, f.pixelLength());
        assertEquals(300_000, f.dataset().get(0x00091010).length());
    }

    @Test
    void knownSequenceRelabelledUnIsParsed() throws Exception {
        byte[] inner = Bytes.le().implicitEl(Tag.PixelSpacing, "0.5\\0.25".getBytes()).bytes();
        byte[] item = Bytes.le().tag(Tag.Item).u32(inner.length).raw(inner).bytes();
        byte[] measures = Bytes.le().tag(Tag.PixelMeasuresSequence).u32(item.length).raw(item).bytes();
        byte[] outer = Bytes.le().tag(Tag.Item).u32(measures.length).raw(measures).bytes();
        byte[] b = Bytes.le().part10(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid())
                .longEl(Tag.SharedFunctionalGroupsSequence, "UN", outer.length, outer).us(Tag.Rows, 5).bytes();
        Attributes a = parse(b).dataset();
        Attributes pm = a.getItem(Tag.SharedFunctionalGroupsSequence).getItem(Tag.PixelMeasuresSequence);
        assertArrayEquals(new double[] {0.5, 0.25}, pm.getDoubles(Tag.PixelSpacing));
        assertEquals(5, a.getInt(Tag.Rows, -1));
    }

    @Test
    void truncatedFileGivesTypedErrorWithOffset() throws Exception {
        byte[] whole = Files.readAllBytes(Fixtures.path("pydicom/CT_small.dcm"));
        for (int cut : new int[] {100, 140, 200, 700, 1500, whole.length - 10}) {
            Path p = tmp.resolve("cut" + cut + ".dcm");
            Files.write(p, Arrays.copyOf(whole, cut));
            ImageFormatException e = assertThrows(ImageFormatException.class, () -> ImageFormats.read(p), "cut at " + cut);
            assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
            if (cut > 132) {
                assertTrue(e.offset() >= 0 && e.offset() <= cut, "offset " + e.offset() + " for cut " + cut);
            }
        }
    }

    @Test
    void lengthPastEndOfFile() throws Exception {
        byte[] b = Bytes.le().part10(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid())
                .longEl(Tag.PixelData, "OW", 1_000_000_000L, new byte[16]).bytes();
        DicomParseException e = assertThrows(DicomParseException.class, () -> parse(b));
        assertTrue(e.getMessage().contains("runs past the end"), e.getMessage());
        assertEquals(b.length - 16 - 12, e.offset());
        // pydicom's truncated MR: the same error through the public entry point
        ImageFormatException e2 = assertThrows(ImageFormatException.class,
                () -> ImageFormats.read(Fixtures.path("pydicom/MR_truncated.dcm")));
        assertTrue(e2.getMessage().contains("(7FE0,0010)"), e2.getMessage());
    }

    @Test
    void nulPaddingAfterPixelDataIsIgnored() throws Exception {
        byte[] whole = Files.readAllBytes(Fixtures.path("pydicom/MR_small.dcm"));
        Path padded = tmp.resolve("padded.dcm");
        Files.write(padded, Arrays.copyOf(whole, whole.length + 510));
        assertEquals(ImageFormats.read(Fixtures.path("pydicom/MR_small.dcm")).volume().raw(10, 20, 0),
                ImageFormats.read(padded).volume().raw(10, 20, 0));
        byte[] garbage = Arrays.copyOf(whole, whole.length + 8);
        garbage[whole.length] = 1;
        Path bad = tmp.resolve("garbage.dcm");
        Files.write(bad, garbage);
        assertThrows(ImageFormatException.class, () -> ImageFormats.read(bad));
    }

    @Test
    void oddLengthsAreReadAsGivenWithAWarning() throws Exception {
        byte[] b = Bytes.le().part10(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid())
                .shortEl(Tag.PatientName, "PN", "ABC".getBytes()).text(Tag.Modality, "CS", "CT").bytes();
        DicomFile df = parse(b);
        assertEquals("ABC", df.dataset().getString(Tag.PatientName));
        assertEquals("CT", df.dataset().getString(Tag.Modality));
        assertEquals(1, df.warnings().size(), df.warnings().toString());
        assertTrue(df.warnings().get(0).contains("odd length") && df.warnings().get(0).contains("length 3 of (0010,0010)"),
                df.warnings().get(0));
        assertTrue(parse(Bytes.le().part10(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid()).text(Tag.Modality, "CS", "CT")
                .bytes()).warnings().isEmpty());

        // two 3x3 8-bit slices: odd-length pixel data (9 bytes) after an odd-length UID
        for (int k = 0; k < 2; k++) {
            byte[] px = new byte[9];
            for (int i = 0; i < 9; i++) {
                px[i] = (byte) (10 * k + i);
            }
            Files.write(tmp.resolve("odd" + k + ".dcm"), Bytes.le().part10(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid())
                    .shortEl(Tag.SeriesInstanceUID, "UI", "1.2.3".getBytes())
                    .text(Tag.ImagePositionPatient, "DS", "0\\0\\" + 2 * k)
                    .text(Tag.ImageOrientationPatient, "DS", "1\\0\\0\\0\\1\\0")
                    .us(Tag.SamplesPerPixel, 1).text(Tag.PhotometricInterpretation, "CS", "MONOCHROME2")
                    .us(Tag.Rows, 3).us(Tag.Columns, 3).us(Tag.BitsAllocated, 8).us(Tag.BitsStored, 8)
                    .us(Tag.HighBit, 7).us(Tag.PixelRepresentation, 0).longEl(Tag.PixelData, "OB", 9, px).bytes());
        }
        LoadedImage one = ImageFormats.read(tmp.resolve("odd1.dcm"));
        assertEquals(18, one.volume().raw(2, 2, 0));
        // NB: the header read stops at the pixel data, so only the UID is counted
        assertTrue(one.warningMessages().stream().anyMatch(w -> w.contains("1 element(s) of odd length") && w.contains("(0020,000E)")),
                one.warnings().toString());
        LoadedImage both = DicomSeriesReader.readFolder(tmp, org.organ3d.io.ReadOptions.defaults());
        assertEquals(2, both.volume().nz());
        assertEquals(14, both.volume().raw(1, 1, 1));
        assertEquals(2.0, both.volume().geometry().spacing().z, 1e-9);
        assertEquals(1, both.warningMessages().stream().filter(w -> w.contains("odd length")).count(), both.warningMessages().toString());
        var irregular = both.warnings(org.organ3d.io.ReadWarning.Kind.IRREGULAR_FILE);
        assertEquals(1, irregular.size(), both.warnings().toString());
        assertEquals(tmp.resolve("odd0.dcm"), irregular.get(0).file());
        assertTrue(irregular.get(0).detail().startsWith("read despite irregularities (and 1 more file(s) like it)"),
                irregular.toString());
    }

    @Test
    void badVrIsRejected() {
        byte[] b = Bytes.le().part10(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid())
                .text(Tag.Modality, "CS", "CT").tag(Tag.PatientName).ascii("zz").u16(0).bytes();
        DicomParseException e = assertThrows(DicomParseException.class, () -> parse(b));
        assertTrue(e.getMessage().contains("bad VR"), e.getMessage());
    }

    @Test
    void itemWithoutDelimiterIsRejected() {
        byte[] b = Bytes.le().part10(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid())
                .longEl(Tag.PlanePositionSequence, "SQ", 0xFFFFFFFFL, new byte[0]).tag(Tag.Item).u32(0xFFFFFFFFL)
                .text(Tag.Modality, "CS", "CT").bytes();
        assertThrows(DicomParseException.class, () -> parse(b));
    }

    private static Bytes imageHeader(int rows, int cols, int bits) {
        return Bytes.le().part10(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid())
                .us(Tag.SamplesPerPixel, 1).text(Tag.PhotometricInterpretation, "CS", "MONOCHROME2")
                .us(Tag.Rows, rows).us(Tag.Columns, cols).us(Tag.BitsAllocated, bits).us(Tag.BitsStored, bits)
                .us(Tag.HighBit, bits - 1).us(Tag.PixelRepresentation, 0);
    }

    @Test
    void absurdDimensionsAndMissingPixelData() throws Exception {
        Path zero = tmp.resolve("zero.dcm");
        Files.write(zero, imageHeader(0, 10, 16).longEl(Tag.PixelData, "OW", 0, new byte[0]).bytes());
        ImageFormatException e = assertThrows(ImageFormatException.class, () -> ImageFormats.read(zero));
        assertTrue(e.getMessage().contains("absurd image size"), e.getMessage());

        Path huge = tmp.resolve("huge.dcm");
        Files.write(huge, imageHeader(65535, 65535, 16).longEl(Tag.PixelData, "OW", 8, new byte[8]).bytes());
        e = assertThrows(ImageFormatException.class, () -> ImageFormats.read(huge));
        assertTrue(e.getMessage().contains("need"), e.getMessage());

        Path none = tmp.resolve("none.dcm");
        Files.write(none, imageHeader(4, 4, 16).bytes());
        e = assertThrows(ImageFormatException.class, () -> ImageFormats.read(none));
        assertTrue(e.getMessage().contains("no pixel data"), e.getMessage());
    }

    @Test
    void bitsStoredMaskingSignExtensionAndMonochrome1() throws Exception {
        // 12 bits stored at high bit 11, signed; upper nibble holds garbage (overlay bits)
        short[] raw = {(short) 0xF7FF, (short) 0x0800, (short) 0xA001, (short) 0x0FFF};
        Bytes px = Bytes.le();
        for (short s : raw) {
            px.u16(s & 0xFFFF);
        }
        Path p = tmp.resolve("s12.dcm");
        Files.write(p, Bytes.le().part10(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid())
                .us(Tag.SamplesPerPixel, 1).text(Tag.PhotometricInterpretation, "CS", "MONOCHROME2")
                .us(Tag.Rows, 2).us(Tag.Columns, 2).us(Tag.BitsAllocated, 16).us(Tag.BitsStored, 12)
                .us(Tag.HighBit, 11).us(Tag.PixelRepresentation, 1).longEl(Tag.PixelData, "OW", 8, px.bytes()).bytes());
        Volume v = ImageFormats.read(p).volume();
        assertEquals(VoxelType.INT16, v.type());
        assertArrayEquals(new double[] {2047, -2048, 1, -1}, new double[] {v.raw(0, 0, 0), v.raw(1, 0, 0), v.raw(0, 1, 0), v.raw(1, 1, 0)});

        Path m1 = tmp.resolve("m1.dcm");
        Files.write(m1, Bytes.le().part10(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid())
                .us(Tag.SamplesPerPixel, 1).text(Tag.PhotometricInterpretation, "CS", "MONOCHROME1")
                .us(Tag.Rows, 1).us(Tag.Columns, 2).us(Tag.BitsAllocated, 8).us(Tag.BitsStored, 8)
                .us(Tag.HighBit, 7).us(Tag.PixelRepresentation, 0).longEl(Tag.PixelData, "OB", 2, new byte[] {0, 55}).bytes());
        var img = ImageFormats.read(m1);
        assertEquals(255, img.volume().raw(0, 0, 0));
        assertEquals(200, img.volume().raw(1, 0, 0));
        assertTrue(img.warningMessages().stream().anyMatch(w -> w.contains("MONOCHROME1")));
    }

    @Test
    void planarConfigurationRgbBecomesLuminance() throws Exception {
        // 2 pixels, planar: R plane, G plane, B plane
        byte[] planes = {(byte) 255, 0, 0, (byte) 255, 0, 10};
        Path p = tmp.resolve("rgb.dcm");
        Files.write(p, Bytes.le().part10(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid())
                .us(Tag.SamplesPerPixel, 3).text(Tag.PhotometricInterpretation, "CS", "RGB").us(Tag.PlanarConfiguration, 1)
                .us(Tag.Rows, 1).us(Tag.Columns, 2).us(Tag.BitsAllocated, 8).us(Tag.BitsStored, 8)
                .us(Tag.HighBit, 7).us(Tag.PixelRepresentation, 0).longEl(Tag.PixelData, "OB", 6, planes).bytes());
        Volume v = ImageFormats.read(p).volume();
        assertEquals(Math.round(0.299 * 255), v.raw(0, 0, 0));
        assertEquals(Math.round(0.587 * 255 + 0.114 * 10), v.raw(1, 0, 0));
    }

    /** Encapsulated pixel data with 3 frames in 5 fragments; the basic offset table says where frames start. */
    private static byte[] encapsulated(String ts, boolean withBot, boolean extended) {
        byte[][] frags = {{1, 2}, {3, 4, 5, 6}, {7, 8}, {9, 10}, {11, 12, 13, 14}};
        // frames: {1..6} = fragments 0,1; {7,8} = fragment 2; {9..14} = fragments 3,4
        long[] itemOffsets = new long[5];
        long o = 0;
        for (int i = 0; i < 5; i++) {
            itemOffsets[i] = o;
            o += 8 + frags[i].length;
        }
        long[] frameOffsets = {itemOffsets[0], itemOffsets[2], itemOffsets[3]};
        Bytes b = Bytes.le().part10(ts).us(Tag.SamplesPerPixel, 1).text(Tag.PhotometricInterpretation, "CS", "MONOCHROME2")
                .text(Tag.NumberOfFrames, "IS", "3").us(Tag.Rows, 1).us(Tag.Columns, 2).us(Tag.BitsAllocated, 8)
                .us(Tag.BitsStored, 8).us(Tag.HighBit, 7).us(Tag.PixelRepresentation, 0);
        if (extended) {
            Bytes t = Bytes.le();
            for (long f : frameOffsets) {
                t.u32(f).u32(0);
            }
            b.longEl(Tag.ExtendedOffsetTable, "OV", 24, t.bytes());
            b.longEl(Tag.ExtendedOffsetTableLengths, "OV", 24, Bytes.le().u32(16).u32(0).u32(10).u32(0).u32(22).u32(0).bytes());
        }
        b.longEl(Tag.PixelData, "OB", 0xFFFFFFFFL, new byte[0]);
        Bytes bot = Bytes.le();
        if (withBot) {
            for (long f : frameOffsets) {
                bot.u32(f);
            }
        }
        byte[] botBytes = bot.bytes();
        b.tag(Tag.Item).u32(botBytes.length).raw(botBytes);
        for (byte[] f : frags) {
            b.tag(Tag.Item).u32(f.length).raw(f);
        }
        return b.tag(Tag.SequenceDelimitationItem).u32(0).bytes();
    }

    @Test
    void encapsulatedFramesByBasicAndExtendedOffsetTables() throws Exception {
        for (boolean ext : new boolean[] {false, true}) {
            DicomFile f = parse(encapsulated("1.2.840.10008.1.2.5", !ext, ext));
            Attributes.Element px = f.dataset().get(Tag.PixelData);
            assertNotNull(px.fragments());
            assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6}, EncapsulatedFrames.frame(f.dataset(), px, 0, 3, null));
            assertArrayEquals(new byte[] {7, 8}, EncapsulatedFrames.frame(f.dataset(), px, 1, 3, null));
            assertArrayEquals(new byte[] {9, 10, 11, 12, 13, 14}, EncapsulatedFrames.frame(f.dataset(), px, 2, 3, null));
        }
        DicomFile noTable = parse(encapsulated("1.2.840.10008.1.2.5", false, false));
        assertThrows(DicomParseException.class,
                () -> EncapsulatedFrames.frame(noTable.dataset(), noTable.dataset().get(Tag.PixelData), 0, 3, null));
    }

    @Test
    void unknownCompressedSyntaxNamesTheUid() throws Exception {
        Path p = tmp.resolve("unknown.dcm");
        Files.write(p, encapsulated("1.2.3.4.5.6.7", true, false));
        UnsupportedTransferSyntaxException e = assertThrows(UnsupportedTransferSyntaxException.class, () -> ImageFormats.read(p));
        assertEquals("1.2.3.4.5.6.7", e.uid());
        assertTrue(e.getMessage().contains("1.2.3.4.5.6.7") && e.getMessage().contains(p.toString()), e.getMessage());
    }

    @Test
    void deflatedFileInflates() throws Exception {
        DicomFile f = DicomParser.read(Fixtures.path("pydicom/image_dfl.dcm"));
        assertTrue(f.transferSyntax().deflated());
        assertEquals(512 * 512, f.dataset().get(Tag.PixelData).length());
        byte[] whole = Files.readAllBytes(Fixtures.path("pydicom/image_dfl.dcm"));
        Path cut = tmp.resolve("dfl_cut.dcm");
        Files.write(cut, Arrays.copyOf(whole, whole.length - 200));
        assertThrows(DicomParseException.class, () -> DicomParser.read(cut));
    }

    @Test
    void decimalStringsFitSixteenCharacters() {
        for (double v : List.of(-158.135803, 1e-12, 123456789.123456789, -0.000123456789012, 1.0 / 3, 6.02214076e23, -2.5)) {
            String s = DecimalStrings.format(v);
            assertTrue(s.length() <= 16, s);
            assertEquals(v, Double.parseDouble(s), Math.abs(v) * 1e-10, s);
        }
        assertEquals("-2.5", DecimalStrings.format(-2.5));
        assertEquals("40", DecimalStrings.format(40));
    }
}
