package org.organ3d.io.nrrd;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.organ3d.io.ReadWarning.Kind;
import org.organ3d.io.ReadWarning;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.LabelInfo;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/**
 * Turns the voxels and segment list of a {@code .seg.nrrd} into one label volume with
 * {@link LabelInfo}s. Single-layer files keep their label values. Multi-layer files (Slicer stores
 * overlapping segments in separate layers along a leading axis) are merged: segment n gets label
 * value n + 1, and where segments overlap the one in the later layer wins (counted in a warning).
 */
final class SegmentLayers {

    record Result(Volume volume, Map<Integer, LabelInfo> labels) {
    }

    private SegmentLayers() {
    }

    static Result merge(Volume v, int layers, List<SlicerSegments.Segment> segs, Dimensions dims,
            List<ReadWarning> warnings, Path file)
            throws NrrdFormatException {
        Map<Integer, LabelInfo> labels = new TreeMap<>();
        if (layers == 1) {
            for (SlicerSegments.Segment s : segs) {
                if (s.labelValue() < 1 || s.labelValue() > 65535) {
                    warnings.add(new ReadWarning(Kind.LABELS, file,
                            "segment " + s.id() + " has label value " + s.labelValue() + " outside 1..65535; ignored"));
                } else if (labels.putIfAbsent(s.labelValue(), new LabelInfo(s.labelValue(), s.name(), s.rgba())) != null) {
                    warnings.add(new ReadWarning(Kind.LABELS, file,
                            "segments share label value " + s.labelValue() + " in one layer; the first name is kept"));
                }
            }
            return new Result(v, labels);
        }
        if (!v.type().isInteger()) {
            throw new NrrdFormatException(file, -1, "segmentation layers must hold integer labels, not " + v.type().label());
        }
        Map<Long, Integer> newValue = new HashMap<>();
        for (SlicerSegments.Segment s : segs) {
            int nv = s.index() + 1;
            newValue.put(((long) s.layer() << 32) | (s.labelValue() & 0xffffffffL), nv);
            labels.put(nv, new LabelInfo(nv, s.name(), s.rgba()));
        }
        VoxelType t = segs.size() < 256 ? VoxelType.UINT8 : VoxelType.UINT16;
        Volume.Builder b = Volume.builder(dims, t, v.geometry());
        int n = dims.sliceSize();
        long overlaps = 0;
        long unknown = 0;
        float[] row = null;
        for (int k = 0; k < dims.nz(); k++) {
            row = v.sliceValues(k, row);
            java.nio.Buffer dest = b.sliceForWriting(k);
            for (int x = 0; x < n; x++) {
                int out = 0;
                for (int l = 0; l < layers; l++) {
                    int val = (int) row[x * layers + l];
                    if (val == 0) {
                        continue;
                    }
                    Integer nv = newValue.get(((long) l << 32) | (val & 0xffffffffL));
                    if (nv == null) {
                        unknown++;
                        continue;
                    }
                    if (out != 0) {
                        overlaps++;
                    }
                    out = nv;
                }
                if (t == VoxelType.UINT8) {
                    ((java.nio.ByteBuffer) dest).put(x, (byte) out);
                } else {
                    ((java.nio.ShortBuffer) dest).put(x, (short) out);
                }
            }
        }
        warnings.add(new ReadWarning(Kind.LABELS, file,
                layers + " segmentation layers merged into one label map (segment n has label n+1)"));
        if (overlaps > 0) {
            warnings.add(new ReadWarning(Kind.LABELS, file,
                    overlaps + " voxels belong to several segments; the segment in the later layer was kept"));
        }
        if (unknown > 0) {
            warnings.add(new ReadWarning(Kind.LABELS, file,
                    unknown + " voxels carry a label value that no segment declares; set to 0"));
        }
        return new Result(b.build(), labels);
    }
}
