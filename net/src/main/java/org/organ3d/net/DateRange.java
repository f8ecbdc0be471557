package org.organ3d.net;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

/**
 * A DICOM date range for queries (PS3.4 C.2.2.2.5): {@code YYYYMMDD} (one day),
 * {@code YYYYMMDD-YYYYMMDD}, {@code YYYYMMDD-} (from) or {@code -YYYYMMDD} (until).
 *
 * @param from first day, or null for open
 * @param to   last day (inclusive), or null for open
 */
public record DateRange(LocalDate from, LocalDate to) {

    private static final DateTimeFormatter DA = DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);

    public DateRange {
        if (from == null && to == null) {
            throw new IllegalArgumentException("a date range needs at least one end");
        }
        if (from != null && to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("the date range ends (" + to.format(DA) + ") before it starts ("
                    + from.format(DA) + ")");
        }
    }

    /**
     * Parses {@code YYYYMMDD[-YYYYMMDD]}, {@code YYYYMMDD-} or {@code -YYYYMMDD}.
     *
     * @throws IllegalArgumentException with the expected form
     */
    public static DateRange parse(String s) {
        String t = s.strip();
        int dash = t.indexOf('-');
        try {
            if (dash < 0) {
                LocalDate d = LocalDate.parse(t, DA);
                return new DateRange(d, d);
            }
            String a = t.substring(0, dash);
            String b = t.substring(dash + 1);
            return new DateRange(a.isEmpty() ? null : LocalDate.parse(a, DA), b.isEmpty() ? null : LocalDate.parse(b, DA));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("a study date is YYYYMMDD or YYYYMMDD-YYYYMMDD (either end may be left "
                    + "open), not '" + s + "'");
        }
    }

    /** The DICOM range matching value, e.g. {@code 20240101-20240131}. */
    public String toDicom() {
        if (from != null && from.equals(to)) {
            return from.format(DA);
        }
        return (from == null ? "" : from.format(DA)) + "-" + (to == null ? "" : to.format(DA));
    }

    @Override
    public String toString() {
        return toDicom();
    }
}
