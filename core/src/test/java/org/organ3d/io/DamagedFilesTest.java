package org.organ3d.io;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every reader on damaged copies of real files (DICOM in several syntaxes and codecs, NIfTI, NRRD,
 * MetaImage): random bit flips, truncation, 32-bit fields overwritten with extreme values, and header
 * numbers replaced by extreme or malformed text (inside the compressed stream for .gz files). Each read either succeeds or throws an
 * {@link IOException} naming the file. Nothing else is accepted: no runtime exception, no
 * OutOfMemoryError from a length taken on trust, no hang (each read has 20 s).
 */
class DamagedFilesTest {

    private static final int TRIALS = Integer.getInteger("organ3d.damageTrials", 120);
    private static final int[] EXTREMES = {0, -1, 0x7FFFFFFF, 0x80000000, 0x10000, 0xFFFF, 3};
    private static final String[] NUMBERS = {"0", "-1", "65536", "2147483648", "99999999999", "1e308", "nan", "-0",
        "0.0000001", "x"};
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    @TempDir
    Path dir;

    private static Path fixture(String name) {
        URL u = DamagedFilesTest.class.getResource("/org/organ3d/io/" + name);
        if (u == null) {
            throw new IllegalStateException("missing fixture " + name);
        }
        try {
            return Path.of(u.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dicom/pydicom/CT_small.dcm", "dicom/pydicom/MR_small_expb.dcm", "dicom/pydicom/image_dfl.dcm",
        "dicom/pydicom/rtdose.dcm", "dicom/pydicom/SC_ybr_full_422_uncompressed.dcm", "dicom/codec/dcm/ct16s_rle_gdcm.dcm",
        "dicom/codec/dcm/ct16s_jll_sv6.dcm", "dicom/codec/dcm/ct16u_jls_near2.dcm", "dicom/codec/dcm/ct12u_jpeg12.dcm",
        "dicom/codec/dcm/ct16s_j2k_gdcm.dcm", "nifti/oblique_sform_int16.nii.gz", "nifti/qform_only_uint8.nii",
        "nifti/four_d_float32.nii", "nrrd/ct_lps_gzip.nrrd", "nrrd/slicer.seg.nrrd", "nrrd/ascii_spacings.nrrd",
        "metaimage/vtk_int16.mha", "metaimage/vtk_float32_compressed.mha"})
    void damagedCopiesGiveAnImageOrAnIoException(String name) throws IOException {
        byte[] good = Files.readAllBytes(fixture(name));
        // NB: a gzipped file is damaged inside (then compressed again), so that the damage reaches the reader
        boolean gz = good.length > 2 && (good[0] & 0xFF) == 0x1F && (good[1] & 0xFF) == 0x8B;
        if (gz) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(good))) {
                good = in.readAllBytes();
            }
        }
        String fileName = Path.of(name).getFileName().toString();
        Random rnd = new Random(name.hashCode());
        int headerEnd = headerEnd(good);
        int read = 0;
        int rejected = 0;
        for (int trial = 0; trial < TRIALS; trial++) {
            byte[] b;
            String how;
            switch (trial % 4) {
                case 0 -> {
                    b = good.clone();
                    int flips = 1 + rnd.nextInt(8);
                    // NB: most flips land in the header, where a reader has decisions to make
                    for (int f = 0; f < flips; f++) {
                        b[rnd.nextInt(rnd.nextBoolean() ? Math.max(1, headerEnd) : b.length)] ^= (byte) (1 << rnd.nextInt(8));
                    }
                    how = flips + " bit flips";
                }
                case 1 -> {
                    int n = rnd.nextInt(good.length);
                    b = Arrays.copyOf(good, n);
                    how = "cut to " + n + " bytes";
                }
                case 2 -> {
                    b = good.clone();
                    int at = rnd.nextInt(Math.max(1, Math.min(headerEnd, b.length - 4)));
                    int v = EXTREMES[rnd.nextInt(EXTREMES.length)];
                    for (int i = 0; i < 4; i++) {
                        b[at + i] = (byte) (v >>> (rnd.nextBoolean() ? 8 * i : 24 - 8 * i));
                    }
                    how = "int at " + at + " set to " + v;
                }
                default -> {
                    String head = new String(good, 0, headerEnd, StandardCharsets.ISO_8859_1);
                    List<int[]> spans = new ArrayList<>();
                    Matcher m = NUMBER.matcher(head);
                    while (m.find()) {
                        spans.add(new int[] {m.start(), m.end()});
                    }
                    if (spans.isEmpty()) {
                        continue;
                    }
                    int[] sp = spans.get(rnd.nextInt(spans.size()));
                    String with = NUMBERS[rnd.nextInt(NUMBERS.length)];
                    byte[] edited = (head.substring(0, sp[0]) + with + head.substring(sp[1])).getBytes(StandardCharsets.ISO_8859_1);
                    b = new byte[edited.length + good.length - headerEnd];
                    System.arraycopy(edited, 0, b, 0, edited.length);
                    System.arraycopy(good, headerEnd, b, edited.length, good.length - headerEnd);
                    how = "header number at " + sp[0] + " replaced by " + with;
                }
            }
            Path f = dir.resolve(trial + "-" + fileName);
            if (gz) {
                ByteArrayOutputStream z = new ByteArrayOutputStream();
                try (OutputStream out = new GZIPOutputStream(z)) {
                    out.write(b);
                }
                b = z.toByteArray();
            }
            Files.write(f, b);
            String what = name + ", " + how;
            boolean ok = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                try {
                    ImageFormats.read(f);
                    return true;
                } catch (IOException e) {
                    assertTrue(e.getMessage() != null && e.getMessage().contains(f.getFileName().toString()),
                            what + ": the message names the file: " + e.getMessage());
                    return false;
                } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
                    fail(what + ": " + e, e);
                    return false;
                }
            }, what);
            if (ok) {
                read++;
            } else {
                rejected++;
            }
            Files.delete(f);
        }
        System.out.println("damaged " + name + ": " + read + " read, " + rejected + " rejected with an IOException");
    }

    /**
     * Where the header ends: for text headers the blank line (NRRD) or the ElementDataFile line
     * (MetaImage); for NIfTI the 352-byte header (gzip files are damaged as a whole); for DICOM the
     * pixel data tag; else the whole file.
     */
    private static int headerEnd(byte[] b) {
        String s = new String(b, 0, Math.min(b.length, 1 << 16), StandardCharsets.ISO_8859_1);
        int nrrd = s.startsWith("NRRD") ? s.indexOf("\n\n") : -1;
        if (nrrd > 0) {
            return nrrd + 2;
        }
        int mha = s.indexOf("ElementDataFile");
        if (mha > 0) {
            return s.indexOf('\n', mha) + 1;
        }
        if (b.length > 352 && (b[0] & 0xFF) == 0x5C && b[1] == 1) {
            return 352;
        }
        int px = s.indexOf("\u00e0\u007f\u0010\u0000");
        return px > 0 ? px : b.length;
    }
}
