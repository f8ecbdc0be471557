package org.organ3d.viewer.measure;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import org.joml.Vector3d;

/**
 * All measurements of a viewing session, kept together (a new one never replaces the others), the
 * study they belong to ({@link StudyReference}), and an undo/redo history of every change: add,
 * move, delete, clear and load are each one step ({@link #undo()}, {@link #redo()}). A new change
 * after an undo drops the steps that were undone (as in every editor). Each step stores the list
 * before and after (measurement lists are short), so undo restores exactly what was there.
 *
 * <p>Files: {@link MeasurementFiles} (JSON with the study reference, CSV). Not thread-safe: the
 * viewer uses it on the render thread.
 */
public final class MeasurementSet {

    /** One undoable step: what it was called and the list before and after. */
    private record Step(String what, List<Measurement> before, List<Measurement> after) {
    }

    private static final int HISTORY = 200;
    private final List<Measurement> items = new ArrayList<>();
    private final List<Measurement> view = Collections.unmodifiableList(items);
    private final Deque<Step> undo = new ArrayDeque<>();
    private final Deque<Step> redo = new ArrayDeque<>();
    private StudyReference reference = StudyReference.NONE;

    /** A live read-only view (the same instance every call: no allocation per frame). */
    public List<Measurement> all() {
        return view;
    }

    public int size() {
        return items.size();
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }

    public Measurement get(int i) {
        return items.get(i);
    }

    /** The study these measurements belong to (saved with them). */
    public StudyReference reference() {
        return reference;
    }

    public void setReference(StudyReference r) {
        reference = Objects.requireNonNull(r, "reference");
    }

    /** Adds a measurement of the given kind with the next free label (R1, R2 ... / A1 ...); undoable. */
    public Measurement add(Measurement.Kind kind, List<Vector3d> points) {
        return add(kind, points, null);
    }

    /** As {@link #add(Measurement.Kind, List)}, with the structure each point was placed on. */
    public Measurement add(Measurement.Kind kind, List<Vector3d> points, List<String> structures) {
        String prefix = kind == Measurement.Kind.RULER ? "R" : "A";
        Measurement m = new Measurement(kind, prefix + (highest(prefix) + 1), points, structures);
        add(m);
        return m;
    }

    /** Adds a measurement with its own label (later automatic labels continue after its number); undoable. */
    public void add(Measurement m) {
        Objects.requireNonNull(m, "m");
        change("add " + m.label(), () -> items.add(m));
    }

    /** Replaces measurement {@code i} (an endpoint moved); undoable. */
    public void replace(int i, Measurement m) {
        Objects.checkIndex(i, items.size());
        Objects.requireNonNull(m, "m");
        change("move " + m.label(), () -> items.set(i, m));
    }

    /** Deletes measurement {@code i}; undoable. */
    public void remove(int i) {
        Objects.checkIndex(i, items.size());
        String l = items.get(i).label();
        change("delete " + l, () -> items.remove(i));
    }

    /** Deletes the newest measurement (no-op when empty); undoable. */
    public void removeLast() {
        if (!items.isEmpty()) {
            remove(items.size() - 1);
        }
    }

    /** Deletes every measurement (no-op when empty); undoable. */
    public void clear() {
        if (!items.isEmpty()) {
            change("clear " + items.size() + " measurements", items::clear);
        }
    }

    /** Replaces the whole list and the reference by what a file held; undoable. */
    public void replaceAll(List<Measurement> list, StudyReference ref, String what) {
        List<Measurement> copy = List.copyOf(list);
        change(what, () -> {
            items.clear();
            items.addAll(copy);
        });
        reference = Objects.requireNonNull(ref, "ref");
    }

    private void change(String what, Runnable edit) {
        List<Measurement> before = List.copyOf(items);
        edit.run();
        undo.push(new Step(what, before, List.copyOf(items)));
        if (undo.size() > HISTORY) {
            undo.removeLast();
        }
        redo.clear();
    }

    public boolean canUndo() {
        return !undo.isEmpty();
    }

    public boolean canRedo() {
        return !redo.isEmpty();
    }

    /** Undoes the newest step; returns what was undone (e.g. "add R2"), or null when there is none. */
    public String undo() {
        Step s = undo.poll();
        if (s == null) {
            return null;
        }
        items.clear();
        items.addAll(s.before());
        redo.push(s);
        return s.what();
    }

    /** Redoes the newest undone step; returns what was redone, or null when there is none. */
    public String redo() {
        Step s = redo.poll();
        if (s == null) {
            return null;
        }
        items.clear();
        items.addAll(s.after());
        undo.push(s);
        return s.what();
    }

    private int highest(String prefix) {
        int n = 0;
        for (Measurement m : items) {
            String l = m.label();
            if (l.startsWith(prefix) && l.length() > prefix.length() && l.length() < prefix.length() + 9
                    && l.substring(prefix.length()).chars().allMatch(Character::isDigit)) {
                n = Math.max(n, Integer.parseInt(l.substring(prefix.length())));
            }
        }
        return n;
    }

    /** Writes the JSON document atomically ({@link MeasurementFiles#save}). */
    public void save(Path file) throws IOException {
        MeasurementFiles.save(this, file);
    }

    /**
     * Reads a measurement file without checking its study ({@link MeasurementFiles#read}); the set's
     * reference is the file's.
     */
    public static MeasurementSet load(Path file) throws IOException {
        MeasurementFiles.Content c = MeasurementFiles.read(file);
        MeasurementSet set = new MeasurementSet();
        set.items.addAll(c.measurements());
        set.reference = c.reference();
        return set;
    }
}
