package org.organ3d.viewer.measure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a set of measurements was made on: DICOM Study, Series and Frame of Reference UIDs when the
 * view was built from DICOM, and the SHA-256 digest of every input file that is not DICOM (NIfTI,
 * NRRD, label maps, meshes). Saved with the measurements and checked when they are loaded, so that
 * rulers made on one patient are never shown on another without the user forcing it.
 *
 * <p>The rule ({@link #mismatch}), in order:
 * <ol>
 * <li>a file without a reference (written before references existed) is accepted (the caller warns);</li>
 * <li>when both sides know the Frame of Reference UID, it must be equal (equal frames share LPS
 * coordinates even across series);</li>
 * <li>else, when both know the Study Instance UID, it must be equal;</li>
 * <li>else, when both have input digests, at least one input file must be the same (same SHA-256);</li>
 * <li>else nothing can be compared and the file is refused.</li>
 * </ol>
 *
 * @param studyInstanceUID    DICOM Study Instance UID, or null
 * @param seriesInstanceUID   DICOM Series Instance UID, or null (informational)
 * @param frameOfReferenceUID DICOM Frame of Reference UID, or null
 * @param description         study or series description, or a file name, for messages; or null
 * @param inputs              digests of the non-DICOM input files (may be empty)
 */
public record StudyReference(String studyInstanceUID, String seriesInstanceUID, String frameOfReferenceUID,
        String description, List<InputDigest> inputs) {

    /** No reference (a file from before references were recorded, or a view of nothing known). */
    public static final StudyReference NONE = new StudyReference(null, null, null, null, List.of());

    /**
     * One input file by content.
     *
     * @param file   the file name (without folders: the same file may move)
     * @param sha256 lower-case hex SHA-256 of its bytes
     */
    public record InputDigest(String file, String sha256) {
        public InputDigest {
            if (file == null || sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("an input digest needs a file name and 64 hex digits: " + file + " " + sha256);
            }
        }
    }

    public StudyReference {
        studyInstanceUID = blankToNull(studyInstanceUID);
        seriesInstanceUID = blankToNull(seriesInstanceUID);
        frameOfReferenceUID = blankToNull(frameOfReferenceUID);
        description = blankToNull(description);
        inputs = inputs == null ? List.of() : List.copyOf(inputs);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** From a DICOM reader's attributes ({@code studyInstanceUID}, {@code seriesInstanceUID}, ...). */
    public static StudyReference ofDicom(Map<String, String> attributes) {
        String d = attributes.get("studyDescription");
        if (d == null || d.isBlank()) {
            d = attributes.get("seriesDescription");
        }
        return new StudyReference(attributes.get("studyInstanceUID"), attributes.get("seriesInstanceUID"),
                attributes.get("frameOfReferenceUID"), d, List.of());
    }

    /** True when nothing is known. */
    public boolean isEmpty() {
        return studyInstanceUID == null && seriesInstanceUID == null && frameOfReferenceUID == null && inputs.isEmpty();
    }

    /** This reference with the DICOM UIDs of {@code other} where this one has none, and both digest lists. */
    public StudyReference merge(StudyReference other) {
        List<InputDigest> all = new java.util.ArrayList<>(inputs);
        all.addAll(other.inputs);
        return new StudyReference(first(studyInstanceUID, other.studyInstanceUID),
                first(seriesInstanceUID, other.seriesInstanceUID), first(frameOfReferenceUID, other.frameOfReferenceUID),
                first(description, other.description), all);
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }

    /**
     * Why measurements made on this reference must not be shown on {@code current}, or empty when they
     * may (see the class comment for the rule).
     */
    public Optional<String> mismatch(StudyReference current) {
        if (isEmpty()) {
            return Optional.empty();
        }
        if (frameOfReferenceUID != null && current.frameOfReferenceUID != null) {
            return frameOfReferenceUID.equals(current.frameOfReferenceUID) ? Optional.empty()
                    : Optional.of("made in frame of reference " + frameOfReferenceUID + describe(this)
                            + ", this view is in frame of reference " + current.frameOfReferenceUID + describe(current));
        }
        if (studyInstanceUID != null && current.studyInstanceUID != null) {
            return studyInstanceUID.equals(current.studyInstanceUID) ? Optional.empty()
                    : Optional.of("made on study " + studyInstanceUID + describe(this) + ", this view shows study "
                            + current.studyInstanceUID + describe(current));
        }
        if (!inputs.isEmpty() && !current.inputs.isEmpty()) {
            Set<String> ours = new HashSet<>();
            current.inputs.forEach(d -> ours.add(d.sha256()));
            for (InputDigest d : inputs) {
                if (ours.contains(d.sha256())) {
                    return Optional.empty();
                }
            }
            return Optional.of("made on " + names(inputs) + ", none of which is an input of this view ("
                    + names(current.inputs) + "; compared by SHA-256)");
        }
        return Optional.of("made on " + summary(this) + ", this view shows " + summary(current)
                + ": nothing to compare them by");
    }

    private static String describe(StudyReference r) {
        return r.description != null ? " (" + r.description + ")" : "";
    }

    private static String names(List<InputDigest> list) {
        return String.join(", ", list.stream().map(InputDigest::file).toList());
    }

    private static String summary(StudyReference r) {
        if (r.studyInstanceUID != null) {
            return "study " + r.studyInstanceUID + describe(r);
        }
        if (r.frameOfReferenceUID != null) {
            return "frame of reference " + r.frameOfReferenceUID + describe(r);
        }
        if (!r.inputs.isEmpty()) {
            return names(r.inputs);
        }
        return "unknown inputs";
    }

    /** SHA-256 of a file's bytes (streamed; any size). */
    public static InputDigest digest(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return new InputDigest(file.getFileName().toString(), HexFormat.of().formatHex(md.digest()));
    }
}
