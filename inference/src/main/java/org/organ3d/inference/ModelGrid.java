package org.organ3d.inference;

import org.joml.Matrix4d;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;

/**
 * The grid a model sees, laid out as its input tensor: storage axis u (fastest, the tensor's last
 * axis), v, w (slowest, the tensor's first spatial axis). Each storage axis is one of the volume's
 * index axes — permuted and flipped to the card's orientation, put in tensor order — resampled to
 * the card's spacing: a model voxel index {@code m} along storage axis s sits at the volume's
 * continuous index {@code scale[s]·m + offset[s]} along {@link #sourceAxis(int)}.
 *
 * <p>Resampling keeps the volume's box: along each axis the model grid has
 * {@code rint(n·spacing/modelSpacing)} voxels (halves to even, as numpy and nnU-Net round) of exactly the model spacing, centred on the volume's
 * centre (the first and last voxel centres move by at most half a model voxel). A spacing whose
 * voxel count differs from the volume's by less than 0.001 voxel over the whole extent is taken as
 * equal, so that such a model runs on the volume's own voxels. {@link #geometry()} is exact: model
 * voxel → LPS mm through the volume's affine (oblique and sheared grids stay so).
 *
 * <p>Immutable and thread-safe.
 */
public final class ModelGrid {

    private final Dimensions source;
    private final Dimensions dims;
    private final Geometry geometry;
    private final int[] sourceAxis = new int[3];
    private final int[] modelAxis = new int[3];
    private final double[] scale = new double[3];
    private final double[] offset = new double[3];
    private final boolean exact;

    private ModelGrid(Dimensions source, Geometry sourceGeometry, ModelCard card) {
        this.source = source;
        int[] perm = card.orientation() == null ? new int[] {0, 1, 1, 1, 2, 1}
                : Orientation.permutation(sourceGeometry.direction(), card.orientation());
        double[] srcSpacing = {sourceGeometry.spacing().x, sourceGeometry.spacing().y, sourceGeometry.spacing().z};
        int[] srcN = source.toArray();
        double[] modelSpacing = card.inputSpacingMm();
        int[] n = new int[3];
        boolean allExact = true;
        for (int s = 0; s < 3; s++) {
            int m = card.tensorAxes().modelAxes()[2 - s];
            modelAxis[s] = m;
            int a = perm[2 * m];
            int sign = perm[2 * m + 1];
            sourceAxis[s] = a;
            double extentVoxels = modelSpacing == null ? srcN[a] : srcN[a] * srcSpacing[a] / modelSpacing[m];
            double ratio;
            if (Math.abs(extentVoxels - srcN[a]) < 1e-3) {
                n[s] = srcN[a];
                ratio = 1;
            } else {
                n[s] = (int) Math.max(1, Math.min(Dimensions.MAX_EXTENT, Math.rint(extentVoxels)));
                ratio = modelSpacing[m] / srcSpacing[a];
            }
            scale[s] = sign * ratio;
            offset[s] = (srcN[a] - 1) / 2.0 - sign * ratio * (n[s] - 1) / 2.0;
            allExact &= ratio == 1 && n[s] == srcN[a];
        }
        this.exact = allExact;
        this.dims = new Dimensions(n[0], n[1], n[2]);
        Matrix4d toSource = new Matrix4d().zero();
        for (int s = 0; s < 3; s++) {
            toSource.setRowColumn(sourceAxis[s], s, scale[s]);
            toSource.setRowColumn(sourceAxis[s], 3, offset[s]);
        }
        toSource.setRowColumn(3, 3, 1);
        this.geometry = Geometry.fromAffine(sourceGeometry.indexToLps().mul(toSource));
    }

    /** The model grid of {@code card} for a volume of size {@code dims} on {@code geometry}. */
    public static ModelGrid of(Dimensions dims, Geometry geometry, ModelCard card) {
        return new ModelGrid(dims, geometry, card);
    }

    /** Size along storage axes u, v, w (the tensor's spatial axes, last to first). */
    public Dimensions dimensions() {
        return dims;
    }

    /** Model voxel (u, v, w) → LPS mm. */
    public Geometry geometry() {
        return geometry;
    }

    /** The volume's size. */
    public Dimensions sourceDimensions() {
        return source;
    }

    /** The volume index axis (0 = i, 1 = j, 2 = k) that storage axis s (0 = u, 1 = v, 2 = w) samples. */
    public int sourceAxis(int s) {
        return sourceAxis[s];
    }

    /** The model axis (0 = x, 1 = y, 2 = z of the card) that storage axis s is. */
    public int modelAxis(int s) {
        return modelAxis[s];
    }

    /** The storage axis that samples volume index axis a. */
    public int storageAxisOf(int a) {
        for (int s = 0; s < 3; s++) {
            if (sourceAxis[s] == a) {
                return s;
            }
        }
        throw new IllegalArgumentException("axis " + a);
    }

    /** Volume continuous index along {@link #sourceAxis(int)} of model index m along storage axis s. */
    public double toSource(int s, double m) {
        return scale[s] * m + offset[s];
    }

    /** Model continuous index along storage axis s of volume index o along {@link #sourceAxis(int)}. */
    public double fromSource(int s, double o) {
        return (o - offset[s]) / scale[s];
    }

    /** Scale of storage axis s (±1 without resampling; negative when flipped). */
    public double scale(int s) {
        return scale[s];
    }

    /**
     * True when every model voxel is exactly one volume voxel (no resampling; the axes possibly
     * permuted or flipped): the model's output then needs no interpolation back.
     */
    public boolean isExact() {
        return exact;
    }

    /** True when the model grid is the volume's grid itself (exact, no permutation, no flip). */
    public boolean isIdentity() {
        return exact && sourceAxis[0] == 0 && sourceAxis[1] == 1 && sourceAxis[2] == 2
                && scale[0] > 0 && scale[1] > 0 && scale[2] > 0;
    }

    /** Size along the model's axes [x, y, z] (the card's order). */
    public int[] modelSize() {
        int[] n = dims.toArray();
        int[] out = new int[3];
        for (int s = 0; s < 3; s++) {
            out[modelAxis[s]] = n[s];
        }
        return out;
    }

    /** Spacing along the model's axes [x, y, z] in mm. */
    public double[] modelSpacingMm() {
        org.joml.Vector3d sp = geometry.spacing();
        double[] out = new double[3];
        for (int s = 0; s < 3; s++) {
            out[modelAxis[s]] = sp.get(s);
        }
        return out;
    }

    /** Values [u, v, w] of a card's [x, y, z] triple, in storage order. */
    int[] toStorage(int[] xyz) {
        return new int[] {xyz[modelAxis[0]], xyz[modelAxis[1]], xyz[modelAxis[2]]};
    }

    @Override
    public String toString() {
        return "ModelGrid[" + dims + " from " + source + ", exact " + exact + "]";
    }
}
