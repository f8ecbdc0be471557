package org.organ3d.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Options and warnings as values: defaults, strict kinds, argument checks, messages. */
class ReadOptionsTest {

    @Test
    void defaultsAreLenientAndStrictRefusesTheGeometryKinds() {
        ReadOptions d = ReadOptions.defaults();
        assertFalse(d.isStrict());
        assertTrue(d.refused().isEmpty());
        assertTrue(d.seriesUid().isEmpty());
        assertTrue(d.reference().isEmpty());
        assertFalse(d.dataFilesOutsideFolder(), "detached data files stay beside their header unless allowed");
        Set<ReadWarning.Kind> strict = ReadOptions.strict().refused();
        assertEquals(EnumSet.of(ReadWarning.Kind.UNREADABLE_FILE, ReadWarning.Kind.MISSING_SLICES,
                ReadWarning.Kind.UNEVEN_SPACING, ReadWarning.Kind.MIXED_ORIENTATION, ReadWarning.Kind.DUPLICATE_SLICES,
                ReadWarning.Kind.POSITION_DEVIATION, ReadWarning.Kind.ASSUMED_GEOMETRY,
                ReadWarning.Kind.INCONSISTENT_GEOMETRY), strict);
        assertEquals(strict, ReadWarning.Kind.strictDefaults());
        assertEquals(ReadOptions.strict(), ReadOptions.builder().strict(true).build());
        assertEquals(d, ReadOptions.strict().toBuilder().strict(false).build());
    }

    @Test
    void builderChecksAndCopies() {
        ReadOptions o = ReadOptions.builder().seriesUid(" 1.2.840.1 ").reference(Path.of("ct")).dataFilesOutsideFolder(true)
                .refuse(ReadWarning.Kind.GANTRY_TILT).build();
        assertEquals("1.2.840.1", o.seriesUid().orElseThrow());
        assertEquals(Path.of("ct"), o.reference().orElseThrow());
        assertTrue(o.dataFilesOutsideFolder());
        assertEquals(Set.of(ReadWarning.Kind.GANTRY_TILT), o.refused());
        assertEquals(o, o.toBuilder().build());
        assertEquals(o.hashCode(), o.toBuilder().build().hashCode());
        assertThrows(UnsupportedOperationException.class, () -> o.refused().add(ReadWarning.Kind.LABELS));
        for (String bad : new String[] {"", "  ", "1.2\n3", "1".repeat(65)}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ReadOptions.builder().seriesUid(bad));
            assertTrue(e.getMessage().contains("series UID"), e.getMessage());
        }
        assertThrows(NullPointerException.class, () -> ReadOptions.builder().refuse((ReadWarning.Kind) null));
    }

    @Test
    void checkRefusesOnlyTheChosenKindsAndNamesThem() throws Exception {
        Path folder = Path.of("study");
        ReadWarning gap = new ReadWarning(ReadWarning.Kind.MISSING_SLICES, folder, "missing slices: about 1");
        ReadWarning skip = new ReadWarning(ReadWarning.Kind.SKIPPED_FILE, folder.resolve("notes.txt"), "skipped: not a DICOM file");
        ReadOptions.defaults().check(folder, List.of(gap, skip));
        StrictReadException e = assertThrows(StrictReadException.class, () -> ReadOptions.strict().check(folder, List.of(skip, gap)));
        assertEquals(List.of(gap), e.refused());
        assertEquals(folder, e.file());
        assertEquals("study: refused by strict reading: missing slices: about 1", e.getMessage());
        assertEquals("missing slices: about 1", gap.messageFor(folder));
        assertEquals(folder.resolve("notes.txt") + ": skipped: not a DICOM file", skip.messageFor(folder));
        assertThrows(NullPointerException.class, () -> new ReadWarning(null, folder, "x"));
        assertThrows(NullPointerException.class, () -> new ReadWarning(ReadWarning.Kind.LABELS, null, "x"));
    }
}
