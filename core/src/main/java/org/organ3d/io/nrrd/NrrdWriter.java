package org.organ3d.io.nrrd;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.joml.Matrix4d;
import org.organ3d.io.AtomicFiles;
import org.organ3d.io.raw.Compressed;
import org.organ3d.io.raw.SampleType;
import org.organ3d.io.raw.VoxelWriter;
import org.organ3d.volume.LabelInfo;
import org.organ3d.volume.LabelMaps;
import org.organ3d.volume.Volume;

/**
 * Writes NRRD0004 in LPS space, little-endian, atomically: {@code .nrrd} with attached gzip data
 * (deflate level 1), {@code .nhdr} with a detached raw {@code .raw} data file beside it (written
 * first, so the header never points at a partial file), and {@code .seg.nrrd}: the label map with
 * 3D Slicer's segment metadata ({@link SlicerSegments}).
 *
 * <p>NRRD has no rescale field: a volume with a non-identity {@link org.organ3d.volume.Rescale} is
 * written as its real values ({@link VoxelWriter#withoutRescale}). Space directions and origin are
 * written as shortest round-tripping decimals, so the affine survives exactly.
 */
final class NrrdWriter {

    private NrrdWriter() {
    }

    static void write(Path path, Volume volume, Map<Integer, LabelInfo> labels) throws IOException {
        String name = path.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        boolean seg = lower.endsWith(".seg.nrrd");
        boolean detached = lower.endsWith(".nhdr");
        Volume v;
        Map<String, String> kv = Map.of();
        if (seg) {
            try {
                v = LabelMaps.fromVolume(volume, labels).labels();
            } catch (IllegalArgumentException e) {
                throw new NrrdFormatException(path, -1, e.getMessage());
            }
            kv = SlicerSegments.write(v, labels);
        } else {
            v = VoxelWriter.withoutRescale(volume);
        }
        StringBuilder h = new StringBuilder("NRRD0004\n");
        h.append("# Complete NRRD file format specification at:\n# http://teem.sourceforge.net/nrrd/format.html\n");
        h.append("type: ").append(NrrdFields.typeName(SampleType.of(v.type()))).append('\n');
        h.append("dimension: 3\n");
        h.append("space: left-posterior-superior\n");
        h.append("sizes: ").append(v.nx()).append(' ').append(v.ny()).append(' ').append(v.nz()).append('\n');
        Matrix4d m = v.geometry().indexToLps();
        h.append("space directions:");
        for (int c = 0; c < 3; c++) {
            h.append(' ').append(NrrdFields.vector(m.getRowColumn(0, c), m.getRowColumn(1, c), m.getRowColumn(2, c)));
        }
        h.append('\n');
        h.append("kinds: domain domain domain\n");
        h.append("endian: little\n");
        h.append("encoding: ").append(detached ? "raw" : "gzip").append('\n');
        h.append("space origin: ").append(NrrdFields.vector(m.getRowColumn(0, 3), m.getRowColumn(1, 3), m.getRowColumn(2, 3))).append('\n');
        Path dataPath = null;
        if (detached) {
            String base = name.substring(0, name.length() - ".nhdr".length());
            dataPath = path.resolveSibling(base + ".raw");
            h.append("data file: ").append(dataPath.getFileName()).append('\n');
        }
        for (Map.Entry<String, String> e : kv.entrySet()) {
            h.append(NrrdHeader.escape(e.getKey())).append(":=").append(NrrdHeader.escape(e.getValue())).append('\n');
        }
        h.append('\n');
        byte[] header = h.toString().getBytes(StandardCharsets.UTF_8);
        if (detached) {
            Path dataTmp = AtomicFiles.prepare(dataPath, out -> VoxelWriter.write(v, ByteOrder.LITTLE_ENDIAN, out));
            Path headerTmp;
            try {
                headerTmp = AtomicFiles.prepare(path, out -> out.write(header, 0, header.length - 1));
            } catch (IOException e) {
                Files.deleteIfExists(dataTmp);
                throw e;
            }
            AtomicFiles.commit(dataTmp, dataPath);
            AtomicFiles.commit(headerTmp, path);
            return;
        }
        AtomicFiles.write(path, out -> {
            out.write(header);
            OutputStream gz = Compressed.gzip(new NonClosing(out));
            VoxelWriter.write(v, ByteOrder.LITTLE_ENDIAN, gz);
            gz.close();
        });
    }

    /** Lets a compressing stream finish without closing the file stream under it. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
