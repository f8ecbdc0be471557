package org.organ3d.io.dicom.codec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** Reads the committed codec fixtures (see the README.md next to manifest.tsv). */
final class CodecFixtures {

    private static final String ROOT = "/org/organ3d/io/dicom/codec/";

    /** One manifest line: a compressed fixture, its pixel module and how to judge its decoding. */
    record Fixture(String name, String syntax, FrameSpec spec, int frames, String expected, String tolerance) {

        byte[] frame(int k) {
            return resource("frames/" + name + "." + k + ".frame");
        }

        /** Stored samples of every frame of the reference, as the decoder must return them. */
        int[] expectedSamples() {
            byte[] raw;
            try (InputStream in = new GZIPInputStream(CodecFixtures.class.getResourceAsStream(
                    ROOT + "expected/" + expected + ".raw.gz"))) {
                raw = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            int bytes = spec.bitsAllocated() / 8;
            int[] v = new int[raw.length / bytes];
            for (int i = 0; i < v.length; i++) {
                int s = 0;
                for (int b = bytes - 1; b >= 0; b--) {
                    s = s << 8 | raw[i * bytes + b] & 0xFF;
                }
                v[i] = s;
            }
            return v;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private CodecFixtures() {
    }

    static List<Fixture> all() {
        String text = new String(resource("manifest.tsv"), StandardCharsets.UTF_8);
        List<Fixture> list = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            FrameSpec spec = new FrameSpec(Integer.parseInt(f[2]), Integer.parseInt(f[3]), Integer.parseInt(f[4]),
                    Integer.parseInt(f[5]), Integer.parseInt(f[6]), "1".equals(f[7]), Integer.parseInt(f[8]), f[9]);
            list.add(new Fixture(f[0], f[1], spec, Integer.parseInt(f[10]), f[11], f[12]));
        }
        return list;
    }

    static Fixture named(String name) {
        return all().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }

    static byte[] resource(String path) {
        try (InputStream in = CodecFixtures.class.getResourceAsStream(ROOT + path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + ROOT + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
