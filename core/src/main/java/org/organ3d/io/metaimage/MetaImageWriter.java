package org.organ3d.io.metaimage;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.joml.Matrix3d;
import org.joml.Vector3d;
import org.organ3d.io.AtomicFiles;
import org.organ3d.io.raw.VoxelWriter;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.Volume;

/**
 * Writes MetaImage as ITK does, uncompressed and little-endian, atomically: {@code .mha} with the
 * data LOCAL after the header, {@code .mhd} with a {@code .raw} data file beside it (written first).
 * {@code TransformMatrix} holds the unit direction of axis i, then j, then k; {@code ElementSpacing}
 * the step lengths; {@code Offset} the LPS position of voxel 0 — all as shortest round-tripping
 * decimals, so the affine survives to rounding (~1e-15 relative). A sheared grid is kept exactly
 * (the direction vectors are then not orthogonal, which ITK accepts but some tools do not).
 * MetaImage has no rescale: rescaled volumes are written as real values
 * ({@link VoxelWriter#withoutRescale}).
 */
final class MetaImageWriter {

    private MetaImageWriter() {
    }

    static void write(Path path, Volume volume) throws IOException {
        Volume v = VoxelWriter.withoutRescale(volume);
        String name = path.getFileName().toString();
        boolean detached = name.toLowerCase(Locale.ROOT).endsWith(".mhd");
        Geometry g = v.geometry();
        Vector3d sp = g.spacing();
        Matrix3d d = g.direction();
        Vector3d o = g.origin();
        StringBuilder h = new StringBuilder();
        h.append("ObjectType = Image\nNDims = 3\nBinaryData = True\nBinaryDataByteOrderMSB = False\nCompressedData = False\n");
        h.append("TransformMatrix =");
        for (int c = 0; c < 3; c++) {
            for (int r = 0; r < 3; r++) {
                h.append(' ').append(d.get(c, r));
            }
        }
        h.append('\n');
        h.append("Offset = ").append(o.x).append(' ').append(o.y).append(' ').append(o.z).append('\n');
        h.append("CenterOfRotation = 0 0 0\n");
        h.append("AnatomicalOrientation = ").append(orientation(d)).append('\n');
        h.append("ElementSpacing = ").append(sp.x).append(' ').append(sp.y).append(' ').append(sp.z).append('\n');
        h.append("DimSize = ").append(v.nx()).append(' ').append(v.ny()).append(' ').append(v.nz()).append('\n');
        h.append("ElementType = ").append(elementType(v)).append('\n');
        Path dataPath = null;
        if (detached) {
            dataPath = path.resolveSibling(name.substring(0, name.length() - 4) + ".raw");
            h.append("ElementDataFile = ").append(dataPath.getFileName()).append('\n');
        } else {
            h.append("ElementDataFile = LOCAL\n");
        }
        byte[] header = h.toString().getBytes(StandardCharsets.US_ASCII);
        if (detached) {
            Path dataTmp = AtomicFiles.prepare(dataPath, out -> VoxelWriter.write(v, ByteOrder.LITTLE_ENDIAN, out));
            Path headerTmp;
            try {
                headerTmp = AtomicFiles.prepare(path, out -> out.write(header));
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
            VoxelWriter.write(v, ByteOrder.LITTLE_ENDIAN, out);
        });
    }

    private static String elementType(Volume v) {
        return switch (v.type()) {
            case UINT8 -> "MET_UCHAR";
            case INT8 -> "MET_CHAR";
            case INT16 -> "MET_SHORT";
            case UINT16 -> "MET_USHORT";
            case INT32 -> "MET_INT";
            case FLOAT32 -> "MET_FLOAT";
        };
    }

    /**
     * ITK's three-letter code: for each axis the anatomical side it comes FROM (an axis pointing to
     * the patient's left, +x in LPS, is "R"), by its dominant component. Identity directions give "RAI".
     */
    static String orientation(Matrix3d d) {
        StringBuilder s = new StringBuilder(3);
        for (int c = 0; c < 3; c++) {
            double x = d.get(c, 0);
            double y = d.get(c, 1);
            double z = d.get(c, 2);
            double ax = Math.abs(x);
            double ay = Math.abs(y);
            double az = Math.abs(z);
            if (ax >= ay && ax >= az) {
                s.append(x > 0 ? 'R' : 'L');
            } else if (ay >= az) {
                s.append(y > 0 ? 'A' : 'P');
            } else {
                s.append(z > 0 ? 'I' : 'S');
            }
        }
        return s.toString();
    }
}
