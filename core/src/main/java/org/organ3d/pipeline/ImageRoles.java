package org.organ3d.pipeline;

import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.util.ArrayList;
import java.util.List;
import org.organ3d.io.ImageFormatException;
import org.organ3d.io.LoadedImage;
import org.organ3d.io.ReadWarning;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/**
 * Guards the steps that expect an image (a CT or MR: segmentation, isosurfaces, intensity
 * statistics) against being handed a label map, which would give plausible-looking nonsense (a
 * "bone threshold" of organ numbers). Stateless, thread-safe.
 */
public final class ImageRoles {

    /** A label map holds at most this many distinct values to be taken for one (besides 0). */
    static final int MAX_LABELS_SEEN = 128;

    private ImageRoles() {
    }

    /**
     * {@code img} unless the file declares label names or colours (then it is a label map, and a step
     * that needs an image refuses it). For steps where a mask or label map may be meant (an
     * isosurface at 0.5 of a mask), where {@link #expectImage} would warn.
     *
     * @param step what the image is for, for the message
     * @throws ImageFormatException if the file declares label names or colours
     */
    public static LoadedImage refuseLabelMap(LoadedImage img, String step) throws ImageFormatException {
        if (!img.labels().isEmpty()) {
            throw new ImageFormatException(img.source(), -1, "is a label map (it names " + img.labels().size()
                    + " label(s)), and " + step + " needs an image such as a CT or MR");
        }
        return img;
    }

    /**
     * {@code img} when it may be an image; with an added {@link ReadWarning.Kind#LOOKS_LIKE_LABELS}
     * warning when it {@linkplain LoadedImage#looksLikeLabels() looks like} a label map and its
     * values agree: background 0 present, no negative value, at most {@value #MAX_LABELS_SEEN}
     * distinct values besides 0.
     *
     * @param step what the image is for, for the messages (e.g. "segmentation")
     * @throws ImageFormatException if the file declares label names or colours: it is a label map
     */
    public static LoadedImage expectImage(LoadedImage img, String step) throws ImageFormatException {
        refuseLabelMap(img, step);
        if (!img.looksLikeLabels()) {
            return img;
        }
        int distinct = distinctSmallValues(img.volume());
        if (distinct < 0) {
            return img;
        }
        List<ReadWarning> w = new ArrayList<>(img.warnings());
        w.add(new ReadWarning(ReadWarning.Kind.LOOKS_LIKE_LABELS, img.source(), "looks like a label map (" + distinct
                + " distinct non-zero whole values, none negative), and " + step + " expects an image such as a CT or MR"));
        return new LoadedImage(img.source(), img.format(), img.volume(), img.attributes(), img.labels(), w);
    }

    /**
     * The number of distinct non-zero values of an 8/16-bit integer volume, or -1 when a value is
     * negative, there is no 0, or there are more than {@value #MAX_LABELS_SEEN} (then it is no label
     * map).
     */
    static int distinctSmallValues(Volume v) {
        VoxelType t = v.type();
        if (t != VoxelType.UINT8 && t != VoxelType.INT8 && t != VoxelType.INT16 && t != VoxelType.UINT16) {
            return -1;
        }
        boolean signed = t == VoxelType.INT8 || t == VoxelType.INT16;
        boolean[] seen = new boolean[65536];
        int distinct = 0;
        boolean zero = false;
        int n = v.dimensions().sliceSize();
        for (int k = 0; k < v.nz(); k++) {
            Buffer s = v.slice(k);
            for (int x = 0; x < n; x++) {
                int value = s instanceof ByteBuffer b ? (signed ? b.get(x) : b.get(x) & 0xFF)
                        : (signed ? ((ShortBuffer) s).get(x) : ((ShortBuffer) s).get(x) & 0xFFFF);
                if (value < 0) {
                    return -1;
                }
                zero |= value == 0;
                if (value != 0 && !seen[value]) {
                    seen[value] = true;
                    if (++distinct > MAX_LABELS_SEEN) {
                        return -1;
                    }
                }
            }
        }
        return zero ? distinct : -1;
    }
}
