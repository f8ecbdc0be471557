package org.organ3d.io.nifti;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Map;
import org.joml.Matrix4d;
import org.organ3d.io.AtomicFiles;
import org.organ3d.io.raw.Compressed;
import org.organ3d.io.raw.VoxelWriter;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.LabelInfo;
import org.organ3d.volume.Volume;

/**
 * Writes a volume or label map as single-file NIfTI ({@code .nii}, or {@code .nii.gz} at deflate
 * level 1), little-endian, atomically.
 *
 * <p>Choices: NIfTI-1 (NIfTI-2 only when an extent exceeds 32767, which NIfTI-1's int16 dims cannot
 * hold). Both {@code sform_code} and {@code qform_code} are 1 (NIFTI_XFORM_SCANNER_ANAT): organ3d's
 * geometry is the scanner's patient space (DICOM LPS, stored as RAS). The sform is the exact affine
 * (float32 in NIfTI-1); the qform is the same affine when it is a rotation with positive scales,
 * and the closest one otherwise (a qform cannot hold shear: gantry-tilted stacks get an exact sform
 * and an approximate qform, and readers that prefer the sform, as nibabel and ITK do, see the exact
 * one). pixdim[1..3] are the grid steps. The stored voxels and {@code scl_slope}/{@code scl_inter}
 * come from the volume's type and {@link org.organ3d.volume.Rescale} unchanged. Label maps get
 * {@code intent_code} NIFTI_INTENT_LABEL; names and colours and the double-precision affine travel
 * in organ3d's comment extension ({@link Organ3dExtension}).
 */
final class NiftiWriter {

    private static final int NIFTI_XFORM_SCANNER_ANAT = 1;
    private static final int NIFTI_INTENT_LABEL = 1002;
    private static final int NIFTI_UNITS_MM = 2;

    private NiftiWriter() {
    }

    static void write(Path path, Volume v, Map<Integer, LabelInfo> labels) throws IOException {
        boolean gz = path.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".gz");
        Dimensions d = v.dimensions();
        NiftiHeader h = new NiftiHeader();
        h.version = Math.max(d.nx(), Math.max(d.ny(), d.nz())) > Short.MAX_VALUE ? 2 : 1;
        h.dim[0] = 3;
        h.dim[1] = d.nx();
        h.dim[2] = d.ny();
        h.dim[3] = d.nz();
        for (int i = 4; i < 8; i++) {
            h.dim[i] = 1;
        }
        h.datatype = switch (v.type()) {
            case UINT8 -> 2;
            case INT8 -> 256;
            case INT16 -> 4;
            case UINT16 -> 512;
            case INT32 -> 8;
            case FLOAT32 -> 16;
        };
        h.bitpix = v.type().bytes() * 8;
        Matrix4d ras = v.geometry().indexToRas();
        double[] q = NiftiAffines.toQuaternion(ras);
        h.quaternB = q[0];
        h.quaternC = q[1];
        h.quaternD = q[2];
        h.pixdim[0] = q[3];
        h.pixdim[1] = q[4];
        h.pixdim[2] = q[5];
        h.pixdim[3] = q[6];
        for (int i = 4; i < 8; i++) {
            h.pixdim[i] = 1;
        }
        for (int r = 0; r < 3; r++) {
            h.qoffset[r] = ras.getRowColumn(r, 3);
            for (int c = 0; c < 4; c++) {
                h.srow[r][c] = ras.getRowColumn(r, c);
            }
        }
        h.qformCode = NIFTI_XFORM_SCANNER_ANAT;
        h.sformCode = NIFTI_XFORM_SCANNER_ANAT;
        h.sclSlope = v.rescale().slope();
        h.sclInter = v.rescale().intercept();
        h.xyztUnits = NIFTI_UNITS_MM;
        h.intentCode = labels.isEmpty() ? 0 : NIFTI_INTENT_LABEL;
        h.descrip = "organ3d";

        Organ3dExtension ext = new Organ3dExtension();
        ext.affineRas = ras;
        ext.slope = v.rescale().slope();
        ext.intercept = v.rescale().intercept();
        ext.labels.putAll(labels);
        byte[] extBytes = ext.encode();
        h.voxOffset = h.size() + 4 + extBytes.length;
        byte[] header = h.encode();

        AtomicFiles.write(path, raw -> {
            OutputStream out = gz ? Compressed.gzip(raw) : raw;
            out.write(header);
            out.write(new byte[] {1, 0, 0, 0});
            out.write(extBytes);
            VoxelWriter.write(v, ByteOrder.LITTLE_ENDIAN, out);
            if (gz) {
                out.close();
            }
        });
    }
}
