package org.organ3d.io.dicom.codec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The input layout of {@link CodecFuzzTest} (an 8-byte frame spec, then the frame) and the tool that
 * writes its seed corpus from the committed codec fixtures:
 * {@code java ... CodecSeeds core/src/test/resources/org/organ3d/io/dicom/codec/CodecFuzzTestInputs}.
 */
final class CodecSeeds {

    static final int PREFIX = 8;
    private static final int PER_TARGET = 8;

    private CodecSeeds() {
    }

    /** The spec of an input, or null when it is too short or names a spec the pixel module refuses. */
    static FrameSpec spec(byte[] in) {
        if (in.length < PREFIX) {
            return null;
        }
        int columns = ((in[0] & 0xFF) << 8 | in[1] & 0xFF) % 1024 + 1;
        int rows = ((in[2] & 0xFF) << 8 | in[3] & 0xFF) % 1024 + 1;
        int spp = (in[4] & 1) == 0 ? 1 : 3;
        int ba = switch (in[5] & 3) {
            case 2 -> 16;
            case 3 -> 32;
            default -> 8;
        };
        int bs = Math.min(ba, (in[6] & 31) + 1);
        int flags = in[7];
        String photometric = spp == 1 ? "MONOCHROME2" : (flags & 4) != 0 ? "YBR_FULL_422" : "RGB";
        return new FrameSpec(columns, rows, spp, ba, bs, (flags & 1) != 0, (flags >> 1) & 1, photometric);
    }

    /** The 8-byte prefix for {@code spec} (inverse of {@link #spec} for specs it can express). */
    static byte[] prefix(FrameSpec spec) {
        int c = spec.columns() - 1;
        int r = spec.rows() - 1;
        int ba = switch (spec.bitsAllocated()) {
            case 16 -> 2;
            case 32 -> 3;
            default -> 0;
        };
        int flags = (spec.signed() ? 1 : 0) | spec.planarConfiguration() << 1
                | (spec.photometric().startsWith("YBR_FULL_422") ? 4 : 0);
        return new byte[] {(byte) (c >> 8), (byte) c, (byte) (r >> 8), (byte) r, (byte) (spec.samplesPerPixel() == 3 ? 1 : 0),
            (byte) ba, (byte) (spec.bitsStored() - 1), (byte) flags};
    }

    private static byte[] firstFrame(CodecFixtures.Fixture f) {
        for (int k = 0; ; k++) {
            try {
                return f.frame(k);
            } catch (IllegalStateException e) {
                if (k + 1 >= f.frames()) {
                    throw e;
                }
            }
        }
    }

    /** Writes the first committed frame of up to {@value #PER_TARGET} fixtures per target, spread over the manifest, into the target's folder. */
    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        java.util.Map<String, java.util.List<CodecFixtures.Fixture>> byTarget = new java.util.TreeMap<>();
        for (CodecFixtures.Fixture f : CodecFixtures.all()) {
            String target = switch (f.syntax()) {
                case "1.2.840.10008.1.2.5" -> "rle";
                case "1.2.840.10008.1.2.4.57", "1.2.840.10008.1.2.4.70" -> "jpegLossless";
                case "1.2.840.10008.1.2.4.50" -> "jpegBaseline";
                case "1.2.840.10008.1.2.4.51" -> "jpegExtended12";
                case "1.2.840.10008.1.2.4.80", "1.2.840.10008.1.2.4.81" -> "jpegLs";
                case "1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.4.91" -> "jpeg2000";
                default -> null;
            };
            if (target != null) {
                byTarget.computeIfAbsent(target, t -> new java.util.ArrayList<>()).add(f);
            }
        }
        for (var e : byTarget.entrySet()) {
            java.util.List<CodecFixtures.Fixture> list = e.getValue();
            int n = Math.min(PER_TARGET, list.size());
            for (int i = 0; i < n; i++) {
                CodecFixtures.Fixture f = list.get(i * list.size() / n);
                byte[] frame = firstFrame(f);
                byte[] pre = prefix(f.spec());
                byte[] seed = new byte[pre.length + frame.length];
                System.arraycopy(pre, 0, seed, 0, pre.length);
                System.arraycopy(frame, 0, seed, pre.length, frame.length);
                Path out = root.resolve(e.getKey()).resolve("seed-" + f.name());
                Files.createDirectories(out.getParent());
                Files.write(out, seed);
            }
        }
    }
}
