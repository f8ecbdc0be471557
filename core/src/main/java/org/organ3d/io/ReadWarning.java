package org.organ3d.io;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Something a reader noticed and worked around while it read an image: a skipped file, uneven slice
 * spacing, an assumed default, a value conversion. The image was still read (in lenient mode);
 * {@link ReadOptions} can turn chosen kinds into a {@link StrictReadException} instead.
 *
 * @param kind   what sort of irregularity, for programs that act on it
 * @param file   the file concerned: a member file of a folder (a skipped file, the first irregular
 *               file) or else the file or folder that was read
 * @param detail what was found and what the reader did, in words for a person (no command-line
 *               option names, no file name: message() adds it)
 */
public record ReadWarning(Kind kind, Path file, String detail) {

    /** The sorts of irregularity. {@link #strictByDefault()} marks those a strict read refuses. */
    public enum Kind {
        /** A file of a folder was not read because it is not an image (not DICOM, no pixel data). */
        SKIPPED_FILE(false),
        /** A file that looks like an image could not be read (malformed or truncated): perhaps a missing slice. */
        UNREADABLE_FILE(true),
        /** Files were read despite irregularities (e.g. odd element lengths); the values are not affected. */
        IRREGULAR_FILE(false),
        /** A DICOMDIR could not be used; the folder was searched instead. */
        DICOMDIR(false),
        /** The folder holds other series; the one read is named in the detail. */
        OTHER_SERIES(false),
        /** The series holds other stacks of another size, echo or temporal position; the largest was read. */
        OTHER_STACKS(false),
        /** The series holds stacks of different orientation; the largest was read. */
        MIXED_ORIENTATION(true),
        /** Slices are not evenly spaced; they are placed at the mean spacing. */
        UNEVEN_SPACING(true),
        /** Gaps of 1.5 or more times the smallest spacing: slices are missing. */
        MISSING_SLICES(true),
        /** Images at the same position; all but the first were dropped. */
        DUPLICATE_SLICES(true),
        /** Slice positions lie off the straight line the affine assumes. */
        POSITION_DEVIATION(true),
        /** Orientation, position or spacing is missing or unusable; a default was assumed. */
        ASSUMED_GEOMETRY(true),
        /** Geometry fields disagree or are degenerate (non-perpendicular axes, qform/sform mismatch). */
        INCONSISTENT_GEOMETRY(true),
        /** Gantry tilt: the affine is sheared and exact; nothing was resampled. */
        GANTRY_TILT(false),
        /** Header fields disagree or are unusable in a way that does not touch geometry; one was chosen. */
        INCONSISTENT_HEADER(false),
        /** Voxel values were converted (per-slice rescale to float32, colour to grey, MONOCHROME1 inverted, narrowed type). */
        VALUE_CONVERSION(false),
        /** Data beyond what was read was ignored (further volumes of a 4D file, trailing bytes). */
        IGNORED_DATA(false),
        /** Label names, values or layers of a segmentation were adjusted. */
        LABELS(false),
        /** A step that expects an image (a CT or MR) was given what looks like a label map. */
        LOOKS_LIKE_LABELS(false);

        private final boolean strictByDefault;

        Kind(boolean strictByDefault) {
            this.strictByDefault = strictByDefault;
        }

        /** True if {@link ReadOptions#strict()} refuses this kind. */
        public boolean strictByDefault() {
            return strictByDefault;
        }

        /** The kinds {@link ReadOptions#strict()} refuses: gaps, uneven spacing, mixed orientation, ... */
        public static Set<Kind> strictDefaults() {
            Set<Kind> s = EnumSet.noneOf(Kind.class);
            for (Kind k : values()) {
                if (k.strictByDefault) {
                    s.add(k);
                }
            }
            return s;
        }
    }

    public ReadWarning {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(detail, "detail");
    }

    /** The warning for a person: {@code file: detail}. */
    public String message() {
        return file + ": " + detail;
    }

    /**
     * The warning for a person reading about {@code source}: the detail alone when the warning
     * concerns {@code source} itself, else {@link #message()}.
     */
    public String messageFor(Path source) {
        return file.equals(source) ? detail : message();
    }

    @Override
    public String toString() {
        return kind + ": " + message();
    }
}
