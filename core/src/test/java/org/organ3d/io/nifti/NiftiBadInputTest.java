package org.organ3d.io.nifti;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.organ3d.io.raw.BadInputs;
import org.organ3d.io.ImageFormats;
import org.organ3d.io.raw.TestVolumes;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.VoxelType;

/** Malformed NIfTI files give a {@link NiftiFormatException} naming the file and the cause. */
class NiftiBadInputTest {

    @TempDir
    Path dir;
    byte[] good;

    @BeforeEach
    void writeGood() throws IOException {
        Path f = dir.resolve("good.nii");
        ImageFormats.write(f, TestVolumes.random(new Dimensions(10, 9, 8), VoxelType.INT16, TestVolumes.oblique(), 1), Map.of());
        good = Files.readAllBytes(f);
    }

    private NiftiFormatException fails(String name, byte[] content, String... causeWords) throws IOException {
        return BadInputs.fails(NiftiFormatException.class, new NiftiFormat(), dir.resolve(name), content, causeWords);
    }

    private byte[] patched(int offset, java.util.function.Consumer<ByteBuffer> p) {
        byte[] b = good.clone();
        p.accept(ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).position(offset));
        return b;
    }

    @Test
    void wrongSizeofHdr() throws IOException {
        fails("junk.nii", "this is not a NIfTI file at all, just text that goes on and on".getBytes(), "not a NIfTI file");
    }

    @Test
    void wrongMagic() throws IOException {
        NiftiFormatException e = fails("magic.nii", patched(344, b -> b.put((byte) 'x')), "magic");
        assertTrue(e.offset() == 344);
    }

    @Test
    void truncatedData() throws IOException {
        fails("short.nii", Arrays.copyOf(good, good.length - 100), "truncated", "file holds");
    }

    @Test
    void truncatedHeader() throws IOException {
        fails("tiny.nii", Arrays.copyOf(good, 200), "ends inside the header");
    }

    @Test
    void truncatedGzip() throws IOException {
        byte[] gz = BadInputs.gzip(good);
        fails("cut.nii.gz", Arrays.copyOf(gz, gz.length / 2), "ends early");
    }

    @Test
    void corruptGzip() throws IOException {
        byte[] gz = BadInputs.gzip(good);
        for (int i = gz.length / 2; i < gz.length / 2 + 40; i++) {
            gz[i] ^= 0x5a;
        }
        fails("corrupt.nii.gz", gz, "corrupt");
    }

    @Test
    void absurdDimensionsInSmallGzip() throws IOException {
        byte[] b = patched(40, x -> x.putShort((short) 3).putShort((short) 30000).putShort((short) 30000).putShort((short) 30000));
        fails("huge.nii.gz", BadInputs.gzip(b), "absurd size");
    }

    @Test
    void dimensionsLargerThanFile() throws IOException {
        fails("big.nii", patched(42, x -> x.putShort((short) 500)), "file holds");
    }

    @Test
    void negativeDimension() throws IOException {
        fails("neg.nii", patched(44, x -> x.putShort((short) -3)), "dim[2]");
    }

    @Test
    void badDimCount() throws IOException {
        fails("dim0.nii", patched(40, x -> x.putShort((short) 9)), "dim[0]");
    }

    @Test
    void unsupportedDatatype() throws IOException {
        fails("rgb.nii", patched(70, x -> x.putShort((short) 128)), "unsupported datatype 128");
    }

    @Test
    void nanPixdimWithQformOnly() throws IOException {
        byte[] b = patched(254, x -> x.putShort((short) 0));
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putFloat(80, Float.NaN);
        fails("nan.nii", b, "pixdim");
    }

    @Test
    void negativePixdimWithQformOnly() throws IOException {
        byte[] b = patched(254, x -> x.putShort((short) 0));
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putFloat(84, -1f);
        fails("negpix.nii", b, "pixdim");
    }

    @Test
    void badVoxOffset() throws IOException {
        fails("vox.nii", patched(108, x -> x.putFloat(100f)), "vox_offset");
    }

    @Test
    void pairHeaderWithoutImage() throws IOException {
        fails("pair.nii", patched(344, x -> x.put(new byte[] {'n', 'i', '1', 0})), "two-file");
    }
}
