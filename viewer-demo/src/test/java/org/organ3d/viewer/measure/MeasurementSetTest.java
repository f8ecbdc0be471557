package org.organ3d.viewer.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.joml.Vector3d;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeasurementSetTest {

    @Test
    void valuesAreExactForKnownGeometry() {
        MeasurementSet set = new MeasurementSet();
        Measurement r = set.add(Measurement.Kind.RULER, List.of(new Vector3d(0, 0, 0), new Vector3d(3, 4, 12)));
        Measurement a = set.add(Measurement.Kind.ANGLE,
                List.of(new Vector3d(10, 0, 0), new Vector3d(0, 0, 0), new Vector3d(0, 5, 0)));
        assertEquals(13.0, r.value(), 1e-12);
        assertEquals(90.0, a.value(), 1e-9);
        assertEquals("R1", r.label());
        assertEquals("A1", a.label());
        assertEquals(2, set.size(), "a new measurement keeps the earlier ones");
        assertEquals(List.of("", ""), r.structures(), "no names: empty, never null");
    }

    @Test
    void addMoveDeleteAndClearAreEachUndoneAndRedoneExactly() {
        MeasurementSet set = new MeasurementSet();
        Measurement r1 = set.add(Measurement.Kind.RULER, List.of(new Vector3d(0, 0, 0), new Vector3d(10, 0, 0)),
                List.of("liver", "liver lesion"));
        Measurement r2 = set.add(Measurement.Kind.RULER, List.of(new Vector3d(0, 0, 0), new Vector3d(0, 20, 0)));
        // move R1's second point
        Measurement moved = r1.withPoint(1, new Vector3d(0, 0, 30), "spleen");
        set.replace(0, moved);
        assertEquals(30, set.get(0).value(), 1e-12);
        assertEquals("spleen", set.get(0).structures().get(1));
        assertEquals("move R1", set.undo());
        assertEquals(10, set.get(0).value(), 1e-12, "undo of a move restores the old point");
        assertEquals("liver lesion", set.get(0).structures().get(1));
        assertEquals("move R1", set.redo());
        assertEquals(30, set.get(0).value(), 1e-12, "redo of the move");
        // delete R2
        set.remove(1);
        assertEquals(List.of(moved), set.all());
        assertEquals("delete R2", set.undo());
        assertEquals(List.of(moved, r2), set.all(), "undo of a delete puts it back in its place");
        // clear all, then undo: everything is back; redo clears again
        set.clear();
        assertTrue(set.isEmpty());
        assertEquals("clear 2 measurements", set.undo());
        assertEquals(List.of(moved, r2), set.all());
        assertEquals("clear 2 measurements", set.redo());
        assertTrue(set.isEmpty());
        // undo down to nothing (clear, move R1, add R2, add R1), then the history is exhausted
        assertEquals("clear 2 measurements", set.undo());
        assertEquals("move R1", set.undo());
        assertEquals("add R2", set.undo());
        assertEquals("add R1", set.undo());
        assertTrue(set.isEmpty());
        assertNull(set.undo(), "nothing left to undo");
        assertFalse(set.canUndo());
        assertEquals("add R1", set.redo());
        assertEquals(List.of(r1), set.all());
        // a new change after an undo drops the undone steps
        set.add(Measurement.Kind.ANGLE, List.of(new Vector3d(1, 0, 0), new Vector3d(), new Vector3d(0, 1, 0)));
        assertFalse(set.canRedo());
        assertEquals(2, set.size());
    }

    @Test
    void labelsContinueAfterTheHighestNumberAndReuseUndoneOnes() {
        MeasurementSet set = new MeasurementSet();
        set.add(new Measurement(Measurement.Kind.RULER, "R7", List.of(new Vector3d(), new Vector3d(1, 0, 0))));
        assertEquals("R8", set.add(Measurement.Kind.RULER, List.of(new Vector3d(), new Vector3d(2, 0, 0))).label());
        set.undo();
        assertEquals("R8", set.add(Measurement.Kind.RULER, List.of(new Vector3d(), new Vector3d(3, 0, 0))).label());
        assertEquals("A1", set.add(Measurement.Kind.ANGLE,
                List.of(new Vector3d(1, 0, 0), new Vector3d(), new Vector3d(0, 1, 0))).label());
    }

    @Test
    void savedJsonReloadsToTheSameDistancesAnglesAndNames(@TempDir Path dir) throws IOException {
        MeasurementSet set = new MeasurementSet();
        set.add(Measurement.Kind.RULER, List.of(new Vector3d(-101.25, 33.5, 1207.125), new Vector3d(-48.0, 71.75, 1180.5)),
                List.of("liver lesion", "liver lesion"));
        set.add(Measurement.Kind.RULER, List.of(new Vector3d(1e-3, 2e-3, 3e-3), new Vector3d(0.1, 0.2, 0.3)));
        set.add(Measurement.Kind.ANGLE, List.of(new Vector3d(1, 2, 3), new Vector3d(4, -5, 6), new Vector3d(-7, 8, 9.5)));
        Path f = dir.resolve("m.json");
        set.save(f);
        String text = Files.readString(f);
        assertTrue(text.contains("\"frame\" : \"LPS\"") && text.contains("\"pointsLps\""), text);
        MeasurementSet back = MeasurementSet.load(f);
        assertEquals(set.size(), back.size());
        for (int i = 0; i < set.size(); i++) {
            assertEquals(set.all().get(i).value(), back.all().get(i).value(), 1e-12);
            assertEquals(set.all().get(i).label(), back.all().get(i).label());
            assertEquals(set.all().get(i).points(), back.all().get(i).points());
            assertEquals(set.all().get(i).structures(), back.all().get(i).structures());
        }
        Measurement next = back.add(Measurement.Kind.RULER, List.of(new Vector3d(), new Vector3d(1, 0, 0)));
        assertEquals("R3", next.label(), "labels continue after loaded ones");
        assertEquals(List.of("m.json"), Files.list(dir).map(p -> p.getFileName().toString()).toList(), "no temp files left");
    }

    @Test
    void malformedFilesAreRejectedNamingTheFile(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("bad.json");
        Files.writeString(f, "{\"frame\":\"LPS\",\"units\":\"mm\",\"measurements\":[{\"type\":\"ruler\",\"pointsLps\":[[0,0,0]]}]}");
        IOException e = assertThrows(IOException.class, () -> MeasurementSet.load(f));
        assertTrue(e.getMessage().contains("bad.json") && e.getMessage().contains("2 points"), e.getMessage());
        Files.writeString(f, "{\"frame\":\"RAS\",\"units\":\"mm\",\"measurements\":[]}");
        assertThrows(IOException.class, () -> MeasurementSet.load(f));
        Files.writeString(f, "not json");
        assertThrows(IOException.class, () -> MeasurementSet.load(f));
    }
}
