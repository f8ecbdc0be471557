package org.organ3d.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.organ3d.volume.LabelInfo;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.LabelMaps;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/**
 * What a reader produced from a file or folder: the volume with its geometry, the format name as
 * in the CLI contract ({@code dicom-series}, {@code dicom-file}, {@code nifti}, {@code nrrd},
 * {@code metaimage}), format attributes, label names/colours when the file carries them, and
 * typed warnings (non-uniform spacing, skipped files ...).
 *
 * @param source     the file or folder read
 * @param format     format name as in the CLI contract
 * @param volume     the voxels
 * @param attributes format-specific facts (null values are left out), e.g. {@code modality}, {@code seriesInstanceUID},
 *                   {@code transferSyntaxUID}, {@code files} for DICOM (unmodifiable)
 * @param labels     label names and colours (e.g. from {@code .seg.nrrd}); empty for plain images
 * @param warnings   what the reader noticed and worked around, in the order found (unmodifiable)
 */
public record LoadedImage(Path source, String format, Volume volume, Map<String, String> attributes,
        Map<Integer, LabelInfo> labels, List<ReadWarning> warnings) {

    public LoadedImage {
        Objects.requireNonNull(source);
        Objects.requireNonNull(format);
        Objects.requireNonNull(volume);
        attributes = withoutNulls(attributes);
        labels = Map.copyOf(labels == null ? Map.of() : labels);
        warnings = List.copyOf(warnings == null ? List.of() : warnings);
    }

    /** The attributes that have a value (a reader may pass a tag the file lacks as null). */
    private static Map<String, String> withoutNulls(Map<String, String> attributes) {
        if (attributes == null) {
            return Map.of();
        }
        Map<String, String> present = new java.util.LinkedHashMap<>();
        attributes.forEach((k, v) -> {
            if (k != null && v != null) {
                present.put(k, v);
            }
        });
        return Map.copyOf(present);
    }

    /** A plain image with no attributes, labels or warnings. */
    public static LoadedImage of(Path source, String format, Volume volume) {
        return new LoadedImage(source, format, volume, Map.of(), Map.of(), List.of());
    }

    /**
     * The warnings for a person, in the order found: each names its file when that is not
     * {@link #source()} (e.g. a skipped file of a folder).
     */
    public List<String> warningMessages() {
        List<String> out = new ArrayList<>(warnings.size());
        for (ReadWarning w : warnings) {
            out.add(w.messageFor(source));
        }
        return out;
    }

    /** The warnings of one kind, in the order found. */
    public List<ReadWarning> warnings(ReadWarning.Kind kind) {
        List<ReadWarning> out = new ArrayList<>();
        for (ReadWarning w : warnings) {
            if (w.kind() == kind) {
                out.add(w);
            }
        }
        return out;
    }

    /**
     * The volume as a label map (label infos attached). Integer volumes whose values fit 0..65535
     * are converted to uint8/uint16 labels; others are rejected.
     *
     * @throws ImageFormatException if the voxels are not integer labels in 0..65535
     */
    public LabelMap asLabelMap() throws ImageFormatException {
        try {
            return LabelMaps.fromVolume(volume, labels);
        } catch (IllegalArgumentException e) {
            throw new ImageFormatException(source, -1, e.getMessage());
        }
    }

    /**
     * True if the file carries label names/colours, or its voxels are stored as 8- or 16-bit integers
     * without rescale (the usual storage of label maps). A hint only: {@link #asLabelMap()} still
     * checks every voxel (an int16 CT stored in HU also passes this test and is then rejected there).
     */
    public boolean looksLikeLabels() {
        boolean smallInteger = volume.type().isInteger() && volume.type() != VoxelType.INT32;
        return !labels.isEmpty() || (smallInteger && volume.rescale().isIdentity());
    }
}
