package org.organ3d.io.dicom.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.organ3d.io.ReadOptions;
import org.organ3d.io.dicom.Attributes;
import org.organ3d.io.dicom.DicomFile;
import org.organ3d.io.dicom.DicomParser;
import org.organ3d.io.dicom.DicomSeriesReader;
import org.organ3d.io.dicom.Tag;
import org.organ3d.testkit.ExternalTool;
import org.organ3d.testkit.Processes;
import org.organ3d.volume.Volume;

/**
 * The committed GDCM/dcmtk fixtures checked live against the tools themselves, not only against the
 * references stored when they were made: dcmtk's {@code dcmdump} must report the pixel module and
 * transfer syntax organ3d parses, and GDCM's {@code gdcmconv --raw} decompression, read back, must
 * give organ3d's decoded voxels (exactly for lossless streams, within the manifest's tolerance for
 * lossy ones). Both tools through the testkit switch: CI requires them.
 */
class LiveToolsTest {

    private static final Path DIR = Path.of("src/test/resources/org/organ3d/io/dicom/codec").toAbsolutePath();
    private static final Pattern TAG = Pattern.compile("^\\((\\p{XDigit}{4}),(\\p{XDigit}{4})\\) \\w\\w (?:\\[([^\\]]*)\\]|(\\S+))");

    @TempDir
    Path tmp;

    /** Tolerance of organ3d's decoding against GDCM's, from the manifest's reference column. */
    private static Map<String, Integer> tolerances() throws Exception {
        Map<String, Integer> out = new HashMap<>();
        for (String l : Files.readAllLines(DIR.resolve("manifest.tsv"))) {
            if (l.startsWith("#") || l.isBlank()) {
                continue;
            }
            String[] f = l.split("\t");
            String t = f[12];
            // NB: exact, ptN and maxN are deterministic decoders of the same stream: 0 against GDCM;
            // refN (lossy DCT/wavelet) may differ by N, plus 1 for colour converted to grey luminance
            out.put(f[0], t.startsWith("ref") ? Integer.parseInt(t.substring(3)) + 1 : 0);
        }
        return out;
    }

    /**
     * Frame k of GDCM's native YBR_FULL output (8-bit, interleaved) as organ3d's grey: YCbCr to RGB
     * (ITU-R BT.601 full range, clipped to 0..255), then round(0.299 R + 0.587 G + 0.114 B). NB: the
     * Y sample alone differs from that where a colour clips, which is why Y is not compared.
     */
    private static float[] greyFromYbr(DicomFile df, int k, int n) {
        assertEquals(0, df.dataset().getInt(Tag.PlanarConfiguration, 0), "interleaved samples expected");
        java.nio.ByteBuffer px = df.dataset().get(Tag.PixelData).value();
        float[] out = new float[n];
        for (int p = 0; p < n; p++) {
            int o = 3 * (k * n + p);
            double y = px.get(o) & 0xFF;
            double cb = (px.get(o + 1) & 0xFF) - 128;
            double cr = (px.get(o + 2) & 0xFF) - 128;
            long r = clip(Math.round(y + 1.402 * cr));
            long g = clip(Math.round(y - 0.344136 * cb - 0.714136 * cr));
            long b = clip(Math.round(y + 1.772 * cb));
            out[p] = Math.round(0.299 * r + 0.587 * g + 0.114 * b);
        }
        return out;
    }

    private static long clip(long v) {
        return Math.max(0, Math.min(255, v));
    }

    @TestFactory
    Stream<DynamicTest> dcmdumpAndGdcmAgreeWithOrgan3d() throws Exception {
        Map<String, Integer> tol = tolerances();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(DIR.resolve("dcm"))) {
            s.filter(p -> p.toString().endsWith(".dcm")).sorted().forEach(files::add);
        }
        assertEquals(20, files.size(), files.toString());
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f, tol)));
    }

    private void check(Path file, Map<String, Integer> tol) throws Exception {
        ExternalTool.requireAll(ExternalTool.DCMTK, ExternalTool.GDCM);
        String name = file.getFileName().toString().replace(".dcm", "");

        String dump = Processes.run(List.of("dcmdump", "-q", "-Un", "+P", "0002,0010", "+P", "0028,0002", "+P", "0028,0004",
                "+P", "0028,0008", "+P", "0028,0010", "+P", "0028,0011", "+P", "0028,0100", "+P", "0028,0101", "+P", "0028,0103",
                file.toString()), tmp, Duration.ofMinutes(1)).assertOk("dcmdump").out();
        Map<String, String> dcmtk = new HashMap<>();
        for (String l : dump.lines().toList()) {
            Matcher m = TAG.matcher(l.strip());
            if (m.find()) {
                dcmtk.put((m.group(1) + m.group(2)).toUpperCase(java.util.Locale.ROOT), m.group(3) != null ? m.group(3).strip()
                        : m.group(4).replaceFirst("^=", ""));
            }
        }
        DicomFile df = DicomParser.readHeader(file);
        Attributes ds = df.dataset();
        assertEquals(dcmtk.get("00020010"), df.transferSyntax().uid(), name + " transfer syntax: " + dump);
        for (int tag : new int[] {Tag.SamplesPerPixel, Tag.Rows, Tag.Columns, Tag.BitsAllocated, Tag.BitsStored,
            Tag.PixelRepresentation}) {
            String key = String.format("%08X", tag);
            assertEquals(Integer.parseInt(dcmtk.get(key)), ds.getInt(tag, -1), name + " " + key + ": " + dump);
        }
        assertEquals(dcmtk.get("00280004"), ds.getString(Tag.PhotometricInterpretation), name + " photometric");
        assertEquals(Integer.parseInt(dcmtk.getOrDefault("00280008", "1")), ds.getInt(Tag.NumberOfFrames, 1), name + " frames");

        Path raw = tmp.resolve(name + "_raw.dcm");
        Processes.run(List.of("gdcmconv", "--raw", file.toString(), raw.toString()), tmp, Duration.ofMinutes(1))
                .assertOk("gdcmconv --raw");
        Volume mine = DicomSeriesReader.readFile(file, ReadOptions.defaults()).volume();
        DicomFile gdcmFile = DicomParser.read(raw);
        boolean ybr = gdcmFile.dataset().getString(Tag.PhotometricInterpretation).startsWith("YBR_FULL");
        Volume gdcm = ybr ? null : DicomSeriesReader.readFile(raw, ReadOptions.defaults()).volume();
        if (gdcm != null) {
            assertEquals(gdcm.dimensions(), mine.dimensions(), name);
        }
        int n = mine.nx() * mine.ny();
        int t = tol.getOrDefault(name, 0);
        double worst = 0;
        for (int k = 0; k < mine.nz(); k++) {
            float[] a = mine.sliceValues(k, null);
            float[] b = gdcm != null ? gdcm.sliceValues(k, null) : greyFromYbr(gdcmFile, k, n);
            for (int x = 0; x < a.length; x++) {
                worst = Math.max(worst, Math.abs(a[x] - b[x]));
            }
        }
        assertTrue(worst <= t, name + ": organ3d and GDCM differ by up to " + worst + " (tolerance " + t + ")");
    }
}
