package org.organ3d.io.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bare datasets (DIMSE command sets and network datasets) written in implicit and explicit VR little
 * endian and parsed back with a known transfer syntax; the Part 10 header written on its own.
 */
class DatasetCodingTest {

    @TempDir
    Path tmp;

    /** A C-ECHO-RQ command set: PS3.7 E.1 layout, bytes computed by hand. */
    @Test
    void commandSetIsImplicitLittleEndianByteForByte() throws Exception {
        Attributes c = new Attributes();
        c.setString(Tag.AffectedSOPClassUID, VR.UI, "1.2.840.10008.1.1");
        c.setInt(Tag.CommandField, VR.US, 0x0030);
        c.setInt(Tag.MessageID, VR.US, 7);
        c.setInt(Tag.CommandDataSetType, VR.US, 0x0101);
        byte[] got = DicomWriter.encodeDataset(c, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
        ByteArrayOutputStream want = new ByteArrayOutputStream();
        want.writeBytes(new byte[] {0, 0, 2, 0, 18, 0, 0, 0});
        want.writeBytes("1.2.840.10008.1.1".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        want.write(0);
        want.writeBytes(new byte[] {0, 0, 0, 1, 2, 0, 0, 0, 0x30, 0});
        want.writeBytes(new byte[] {0, 0, 0x10, 1, 2, 0, 0, 0, 7, 0});
        want.writeBytes(new byte[] {0, 0, 0, 8, 2, 0, 0, 0, 0x01, 0x01});
        assertArrayEquals(want.toByteArray(), got);

        Attributes back = DicomParser.parseDataset(null, ByteBuffer.wrap(got), TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
        assertEquals("1.2.840.10008.1.1", back.getString(Tag.AffectedSOPClassUID));
        assertEquals(0x30, back.getInt(Tag.CommandField, -1));
        assertEquals(7, back.getInt(Tag.MessageID, -1));
        assertEquals(0x0101, back.getInt(Tag.CommandDataSetType, -1));
        assertEquals(VR.US, back.get(Tag.CommandField).vr(), "the dictionary knows the command group");
    }

    @Test
    void datasetsWithSequencesRoundTripInBothSyntaxes() throws Exception {
        Attributes item = new Attributes();
        item.setString(Tag.ReferencedSOPClassUID, VR.UI, Uids.CT_IMAGE_STORAGE);
        item.setString(Tag.ReferencedSOPInstanceUID, VR.UI, "1.2.3.4");
        Attributes ds = new Attributes();
        ds.setString(Tag.PatientName, VR.PN, "Doe^Jane");
        ds.setString(Tag.QueryRetrieveLevel, VR.CS, "SERIES");
        ds.setString(Tag.NumberOfSeriesRelatedInstances, VR.IS, "12");
        ds.setSequence(Tag.ReferencedSOPSequence, List.of(item));
        ds.setBytes(Tag.PixelData, VR.OW, new byte[] {1, 2, 3, 4});
        for (TransferSyntax ts : List.of(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN)) {
            byte[] b = DicomWriter.encodeDataset(ds, ts);
            Attributes back = DicomParser.parseDataset(null, ByteBuffer.wrap(b), ts);
            assertEquals("Doe^Jane", back.getString(Tag.PatientName), ts.name());
            assertEquals(12, back.getInt(Tag.NumberOfSeriesRelatedInstances, -1), ts.name());
            assertEquals("1.2.3.4", back.getItem(Tag.ReferencedSOPSequence).getString(Tag.ReferencedSOPInstanceUID));
            assertEquals(4, back.get(Tag.PixelData).length());
        }
        assertThrows(IllegalArgumentException.class, () -> DicomWriter.encodeDataset(ds, TransferSyntax.EXPLICIT_VR_BIG_ENDIAN));
        assertThrows(IllegalArgumentException.class, () -> DicomWriter.encodeDataset(ds, TransferSyntax.of("1.2.840.10008.1.2.5")));
    }

    @Test
    void truncatedBareDatasetIsATypedError() throws Exception {
        Attributes ds = new Attributes();
        ds.setString(Tag.PatientID, VR.LO, "ABCDEFGH");
        byte[] b = DicomWriter.encodeDataset(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        ByteBuffer cut = ByteBuffer.wrap(b, 0, b.length - 3).slice();
        assertThrows(DicomParseException.class, () -> DicomParser.parseDataset(null, cut, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
    }

    /** A file made of the header and an already encoded dataset reads like one written whole. */
    @Test
    void fileHeaderPlusEncodedDatasetIsAPart10File() throws Exception {
        Attributes ds = new Attributes();
        ds.setString(Tag.SOPClassUID, VR.UI, Uids.SECONDARY_CAPTURE_IMAGE_STORAGE);
        ds.setString(Tag.SOPInstanceUID, VR.UI, "1.2.3.9");
        ds.setString(Tag.PatientID, VR.LO, "P1");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DicomWriter.writeFileHeader(out, Uids.SECONDARY_CAPTURE_IMAGE_STORAGE, "1.2.3.9",
                TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid());
        DicomWriter.writeDataset(out, ds, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
        Path f = tmp.resolve("a.dcm");
        Files.write(f, out.toByteArray());
        DicomFile df = DicomParser.read(f);
        assertEquals(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, df.transferSyntax());
        assertEquals("P1", df.dataset().getString(Tag.PatientID));
        assertEquals("1.2.3.9", df.meta().getString(Tag.MediaStorageSOPInstanceUID));
        Path whole = tmp.resolve("b.dcm");
        DicomWriter.write(whole, ds);
        byte[] a = Files.readAllBytes(whole);
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        DicomWriter.writeFileHeader(head, Uids.SECONDARY_CAPTURE_IMAGE_STORAGE, "1.2.3.9",
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid());
        byte[] h = head.toByteArray();
        assertArrayEquals(java.util.Arrays.copyOf(a, h.length), h, "DicomWriter.write starts with the same header");
    }
}
