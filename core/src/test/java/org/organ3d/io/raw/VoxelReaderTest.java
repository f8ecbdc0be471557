package org.organ3d.io.raw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.organ3d.io.ImageFormatException;
import org.organ3d.io.ReadWarning.Kind;
import org.organ3d.io.ReadWarning;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.Rescale;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

class VoxelReaderTest {

    static final FormatErrors ERR = (off, cause, t) -> new ImageFormatException(null, off, cause, t);
    static final Dimensions D = new Dimensions(3, 2, 2);
    static final Path FILE = Path.of("voxels.raw");

    private static Volume read(SampleType t, ByteOrder o, ByteBuffer data, List<String> warnings) throws IOException {
        List<ReadWarning> typed = new ArrayList<>();
        Volume v = new VoxelReader(t, o, ERR, "byte").read(new ByteArrayInputStream(data.array()), 0, D, Geometry.unit(),
                Rescale.IDENTITY, FILE, typed);
        for (ReadWarning w : typed) {
            assertEquals(Kind.VALUE_CONVERSION, w.kind(), w.toString());
            assertEquals(FILE, w.file());
            warnings.add(w.detail());
        }
        return v;
    }

    @Test
    void uint32ThatFitsStaysInt32WithoutWarning() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(48).order(ByteOrder.BIG_ENDIAN);
        for (int i = 0; i < 12; i++) {
            b.putInt(i * 1000 + 7);
        }
        List<String> w = new ArrayList<>();
        Volume v = read(SampleType.UINT32, ByteOrder.BIG_ENDIAN, b, w);
        assertEquals(VoxelType.INT32, v.type());
        assertTrue(w.isEmpty(), w.toString());
        assertEquals(11007, v.raw(2, 1, 1));
    }

    @Test
    void uint32AboveIntRangeBecomesFloatWithWarning() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(48).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 12; i++) {
            b.putInt(i == 5 ? 0xF0000000 : i);
        }
        List<String> w = new ArrayList<>();
        Volume v = read(SampleType.UINT32, ByteOrder.LITTLE_ENDIAN, b, w);
        assertEquals(VoxelType.FLOAT32, v.type());
        assertEquals(4026531840.0, v.raw(2, 1, 0));
        assertEquals(11, v.raw(2, 1, 1));
        assertTrue(w.get(0).contains("uint32"), w.toString());
    }

    @Test
    void float64SaysWhetherItRounded() throws IOException {
        ByteBuffer exact = ByteBuffer.allocate(96).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer lossy = ByteBuffer.allocate(96).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 12; i++) {
            exact.putDouble(i * 0.5);
            lossy.putDouble(i * 0.1);
        }
        List<String> w1 = new ArrayList<>();
        read(SampleType.FLOAT64, ByteOrder.LITTLE_ENDIAN, exact, w1);
        assertTrue(w1.get(0).contains("exactly representable"), w1.toString());
        List<String> w2 = new ArrayList<>();
        Volume v = read(SampleType.FLOAT64, ByteOrder.LITTLE_ENDIAN, lossy, w2);
        assertTrue(w2.get(0).contains("rounded"), w2.toString());
        assertEquals((float) 1.1, (float) v.raw(2, 1, 1));
    }

    @Test
    void truncatedStreamNamesTheOffset() {
        ByteBuffer b = ByteBuffer.allocate(20);
        ImageFormatException e = assertThrows(ImageFormatException.class,
                () -> read(SampleType.INT16, ByteOrder.LITTLE_ENDIAN, b, new ArrayList<>()));
        assertTrue(e.getMessage().contains("byte 20"), e.getMessage());
    }
}
