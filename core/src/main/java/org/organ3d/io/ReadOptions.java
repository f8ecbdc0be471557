package org.organ3d.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How {@link ImageFormats#read(Path, ReadOptions)} reads an input: lenient or strict assembly, which
 * DICOM series, whether detached data files may lie outside their header's folder, and a reference
 * image for objects that need one. Immutable and thread-safe; made with {@link #builder()}.
 *
 * <p><b>Lenient and strict.</b> A lenient read (the {@linkplain #defaults() default}) works around
 * irregularities and reports each as a {@link ReadWarning}. A strict read refuses the kinds in
 * {@link #refused()} with a {@link StrictReadException} instead: {@link #strict()} refuses the kinds
 * marked {@link ReadWarning.Kind#strictByDefault()} — unreadable slices, missing slices, uneven
 * spacing, duplicated positions, positions off the line, mixed orientation, assumed or inconsistent
 * geometry — any of which can move a voxel away from where the affine puts it. Readers refuse as
 * early as they can (a DICOM series before its pixels are decoded).
 */
public final class ReadOptions {

    private static final ReadOptions DEFAULTS = builder().build();
    private static final ReadOptions STRICT = builder().strict(true).build();

    private final Set<ReadWarning.Kind> refused;
    private final String seriesUid;
    private final boolean dataFilesOutsideFolder;
    private final Path reference;

    private ReadOptions(Builder b) {
        this.refused = b.refused.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(b.refused));
        this.seriesUid = b.seriesUid;
        this.dataFilesOutsideFolder = b.dataFilesOutsideFolder;
        this.reference = b.reference;
    }

    /** Lenient, the largest DICOM series, data files only beside their header, no reference. */
    public static ReadOptions defaults() {
        return DEFAULTS;
    }

    /** As {@link #defaults()}, but refusing every kind that {@link ReadWarning.Kind#strictDefaults()} lists. */
    public static ReadOptions strict() {
        return STRICT;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these options, to change some. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.refused.addAll(refused);
        b.seriesUid = seriesUid;
        b.dataFilesOutsideFolder = dataFilesOutsideFolder;
        b.reference = reference;
        return b;
    }

    /** The warning kinds that fail the read instead (empty for a lenient read). */
    public Set<ReadWarning.Kind> refused() {
        return refused;
    }

    /** True if any kind is refused. */
    public boolean isStrict() {
        return !refused.isEmpty();
    }

    /** The DICOM Series Instance UID to read instead of the largest series; empty for the largest. */
    public Optional<String> seriesUid() {
        return Optional.ofNullable(seriesUid);
    }

    /**
     * True if a detached header ({@code .nhdr}, {@code .mhd}, {@code .hdr}) may name data files
     * outside its own folder (default false: such a header is refused, as it may be crafted to read
     * any file the process can).
     */
    public boolean dataFilesOutsideFolder() {
        return dataFilesOutsideFolder;
    }

    /**
     * The image (a DICOM series folder or file, or any image file) that gives the grid, patient and
     * study of an object that needs one (an RTSTRUCT, or a SEG storing only some slices); empty to
     * look for it beside the object.
     */
    public Optional<Path> reference() {
        return Optional.ofNullable(reference);
    }

    /**
     * The warnings of {@code found} that these options refuse.
     *
     * @see #check
     */
    public List<ReadWarning> refusedAmong(Collection<ReadWarning> found) {
        List<ReadWarning> out = new ArrayList<>();
        for (ReadWarning w : found) {
            if (refused.contains(w.kind())) {
                out.add(w);
            }
        }
        return out;
    }

    /**
     * Throws when any of {@code found} is refused by these options.
     *
     * @param source the file or folder being read (named in the message)
     * @throws StrictReadException listing every refused warning
     */
    public void check(Path source, Collection<ReadWarning> found) throws StrictReadException {
        List<ReadWarning> bad = refusedAmong(found);
        if (!bad.isEmpty()) {
            throw new StrictReadException(source, bad);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReadOptions r && refused.equals(r.refused) && Objects.equals(seriesUid, r.seriesUid)
                && dataFilesOutsideFolder == r.dataFilesOutsideFolder && Objects.equals(reference, r.reference);
    }

    @Override
    public int hashCode() {
        return Objects.hash(refused, seriesUid, dataFilesOutsideFolder, reference);
    }

    @Override
    public String toString() {
        return "ReadOptions[refused=" + refused + ", seriesUid=" + seriesUid + ", dataFilesOutsideFolder="
                + dataFilesOutsideFolder + ", reference=" + reference + "]";
    }

    /** Makes {@link ReadOptions}; every setter checks its argument. Not thread-safe. */
    public static final class Builder {
        private final Set<ReadWarning.Kind> refused = EnumSet.noneOf(ReadWarning.Kind.class);
        private String seriesUid;
        private boolean dataFilesOutsideFolder;
        private Path reference;

        private Builder() {
        }

        /**
         * Strict ({@code true}: refuse exactly {@link ReadWarning.Kind#strictDefaults()}) or lenient
         * ({@code false}: refuse nothing). Replaces any earlier choice of refused kinds.
         */
        public Builder strict(boolean strict) {
            refused.clear();
            if (strict) {
                refused.addAll(ReadWarning.Kind.strictDefaults());
            }
            return this;
        }

        /** Refuses these kinds too (a strict read tailored kind by kind). */
        public Builder refuse(ReadWarning.Kind... kinds) {
            for (ReadWarning.Kind k : kinds) {
                refused.add(Objects.requireNonNull(k, "kind"));
            }
            return this;
        }

        /** Accepts these kinds again (warn instead of refusing). */
        public Builder accept(ReadWarning.Kind... kinds) {
            for (ReadWarning.Kind k : kinds) {
                refused.remove(Objects.requireNonNull(k, "kind"));
            }
            return this;
        }

        /**
         * Reads this DICOM series (its largest stack) instead of the largest series; null for the
         * largest. Applies to DICOM input only: other formats refuse a read that names a series.
         *
         * @throws IllegalArgumentException if {@code uid} is blank, longer than 64 characters or holds
         *                                  control characters (UIDs are digits and dots; others found
         *                                  in files are accepted)
         */
        public Builder seriesUid(String uid) {
            if (uid != null) {
                String u = uid.strip();
                if (u.isEmpty() || u.length() > 64 || u.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                    throw new IllegalArgumentException("not a series UID (1 to 64 printable characters): '" + uid + "'");
                }
                uid = u;
            }
            this.seriesUid = uid;
            return this;
        }

        /** Lets detached headers name data files outside their folder (default false). */
        public Builder dataFilesOutsideFolder(boolean allow) {
            this.dataFilesOutsideFolder = allow;
            return this;
        }

        /** The reference image for SEG/RTSTRUCT input ({@link ReadOptions#reference()}); null for none. */
        public Builder reference(Path reference) {
            this.reference = reference;
            return this;
        }

        public ReadOptions build() {
            return new ReadOptions(this);
        }
    }
}
