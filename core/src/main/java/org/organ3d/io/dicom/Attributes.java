package org.organ3d.io.dicom;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A DICOM dataset: elements by tag, in tag order, with nested sequences (items are
 * {@code Attributes} too) and encapsulated pixel data fragments.
 *
 * <p><b>Ownership.</b> A parsed dataset does not copy values: each element's value is a read-only
 * view of the buffer the file was parsed from, so the dataset keeps that buffer alive and is valid
 * only as long as the buffer is not reused. Datasets built for writing own their values.
 *
 * <p><b>Reading values.</b> Getters decode by the element's VR, or by the {@link DataDictionary}'s VR
 * when the file says {@code UN}. Text values are trimmed of padding (spaces and NULs); multi-valued
 * text is split on backslash. Missing or empty values give the default or null, never an exception;
 * a value that is present but not a number gives {@link NumberFormatException} wrapped by callers.
 *
 * <p>Not thread-safe for writing; safe to read from several threads once built.
 */
public final class Attributes {

    /**
     * One element.
     *
     * @param tag       the tag
     * @param vr        the VR as read (or the dictionary's for implicit VR)
     * @param value     the value bytes (read-only, position 0, in the dataset's byte order); empty for
     *                  sequences and encapsulated pixel data
     * @param items     items of a sequence (SQ), else empty
     * @param fragments fragments of encapsulated pixel data (the first is the basic offset table),
     *                  else null
     * @param offset    byte offset of the element header in the parsed buffer, or -1 when built
     */
    public record Element(int tag, VR vr, ByteBuffer value, List<Attributes> items, List<Fragment> fragments,
            long offset) {
        public Element {
            Objects.requireNonNull(vr);
            Objects.requireNonNull(value);
            items = items == null ? List.of() : Collections.unmodifiableList(items);
        }

        /** True for encapsulated (compressed) pixel data. */
        public boolean isEncapsulated() {
            return fragments != null;
        }

        /** Value length in bytes. */
        public int length() {
            return value.remaining();
        }
    }

    /**
     * One item of encapsulated pixel data.
     *
     * @param offset byte offset of the fragment's value in the parsed buffer
     * @param data   the fragment bytes (read-only view)
     */
    public record Fragment(long offset, ByteBuffer data) {
    }

    private final TreeMap<Integer, Element> elements = new TreeMap<>(Integer::compareUnsigned);
    private final boolean bigEndian;
    private Charset charset = StandardCharsets.ISO_8859_1;

    /** An empty dataset whose binary values are little endian (or big endian). */
    public Attributes(boolean bigEndian) {
        this.bigEndian = bigEndian;
    }

    /** An empty little-endian dataset, for writing. */
    public Attributes() {
        this(false);
    }

    /**
     * An empty little-endian dataset for writing whose text values are encoded in UTF-8: for items
     * nested in a dataset that declares Specific Character Set ISO_IR 192 (items inherit it).
     */
    public static Attributes utf8() {
        Attributes a = new Attributes(false);
        a.charset = StandardCharsets.UTF_8;
        return a;
    }

    /** True if binary values are big endian. */
    public boolean bigEndian() {
        return bigEndian;
    }

    /** The character set used to decode text (ISO-8859-1 unless Specific Character Set says UTF-8). */
    public Charset charset() {
        return charset;
    }

    void charset(Charset c) {
        this.charset = c;
    }

    /** Adds or replaces an element. */
    public void put(Element e) {
        elements.put(e.tag(), e);
        if (e.tag() == Tag.SpecificCharacterSet) {
            String cs = getString(Tag.SpecificCharacterSet);
            if (cs != null && cs.toUpperCase(Locale.ROOT).contains("ISO_IR 192")) {
                charset = StandardCharsets.UTF_8;
            }
        }
    }

    /** The element with this tag, or null. */
    public Element get(int tag) {
        return elements.get(tag);
    }

    /** True if the dataset has this tag (possibly with an empty value). */
    public boolean contains(int tag) {
        return elements.containsKey(tag);
    }

    /** Removes an element if present. */
    public void remove(int tag) {
        elements.remove(tag);
    }

    /** All elements in ascending tag order (a read-only view). */
    public Collection<Element> elements() {
        return Collections.unmodifiableCollection(elements.values());
    }

    /** Number of elements at this level. */
    public int size() {
        return elements.size();
    }

    private VR effectiveVR(Element e) {
        return e.vr() == VR.UN ? DataDictionary.vrOf(e.tag()) : e.vr();
    }

    private ByteBuffer ordered(ByteBuffer b) {
        return b.duplicate().order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    }

    /** The first value of a text element, trimmed; null if absent or empty. */
    public String getString(int tag) {
        String[] s = getStrings(tag);
        return s.length == 0 || s[0].isEmpty() ? null : s[0];
    }

    /** The whole text value (all values joined by backslash), trimmed; null if absent or empty. */
    public String getText(int tag) {
        Element e = elements.get(tag);
        if (e == null || e.length() == 0) {
            return null;
        }
        String s = trim(decode(e));
        return s.isEmpty() ? null : s;
    }

    /** The values of a text element, each trimmed; empty if absent. */
    public String[] getStrings(int tag) {
        Element e = elements.get(tag);
        if (e == null || e.length() == 0) {
            return new String[0];
        }
        String[] parts = decode(e).split("\\\\", -1);
        for (int i = 0; i < parts.length; i++) {
            parts[i] = trim(parts[i]);
        }
        return parts;
    }

    private String decode(Element e) {
        ByteBuffer b = e.value().duplicate();
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        return new String(bytes, charset);
    }

    private static String trim(String s) {
        int a = 0;
        int z = s.length();
        while (a < z && (s.charAt(a) <= ' ')) {
            a++;
        }
        while (z > a && (s.charAt(z - 1) <= ' ')) {
            z--;
        }
        return s.substring(a, z);
    }

    /**
     * Numeric values of an element: DS/IS text parsed, binary US/SS/UL/SL/FL/FD/SV/UV decoded
     * (unsigned types as unsigned). Empty if absent.
     *
     * @throws NumberFormatException if a text value is not a number
     */
    public double[] getDoubles(int tag) {
        Element e = elements.get(tag);
        if (e == null || e.length() == 0) {
            return new double[0];
        }
        VR vr = effectiveVR(e);
        ByteBuffer b = ordered(e.value());
        int n = b.remaining();
        switch (vr) {
            case US, SS, OW -> {
                double[] d = new double[n / 2];
                for (int i = 0; i < d.length; i++) {
                    short v = b.getShort(2 * i);
                    d[i] = vr == VR.SS ? v : v & 0xFFFF;
                }
                return d;
            }
            case UL, SL, OL, AT -> {
                double[] d = new double[n / 4];
                for (int i = 0; i < d.length; i++) {
                    int v = b.getInt(4 * i);
                    d[i] = vr == VR.SL ? v : v & 0xFFFFFFFFL;
                }
                return d;
            }
            case FL, OF -> {
                double[] d = new double[n / 4];
                for (int i = 0; i < d.length; i++) {
                    d[i] = b.getFloat(4 * i);
                }
                return d;
            }
            case FD, OD -> {
                double[] d = new double[n / 8];
                for (int i = 0; i < d.length; i++) {
                    d[i] = b.getDouble(8 * i);
                }
                return d;
            }
            case SV, UV, OV -> {
                double[] d = new double[n / 8];
                for (int i = 0; i < d.length; i++) {
                    long v = b.getLong(8 * i);
                    d[i] = vr == VR.SV || v >= 0 ? v : Double.parseDouble(Long.toUnsignedString(v));
                }
                return d;
            }
            case OB, UN -> {
                double[] d = new double[n];
                for (int i = 0; i < n; i++) {
                    d[i] = b.get(i) & 0xFF;
                }
                return d;
            }
            default -> {
                String[] s = getStrings(tag);
                List<Double> out = new ArrayList<>(s.length);
                for (String x : s) {
                    if (!x.isEmpty()) {
                        out.add(Double.parseDouble(x));
                    }
                }
                double[] d = new double[out.size()];
                for (int i = 0; i < d.length; i++) {
                    d[i] = out.get(i);
                }
                return d;
            }
        }
    }

    /** The first numeric value, or {@code def} if absent or empty. */
    public double getDouble(int tag, double def) {
        double[] d = getDoubles(tag);
        return d.length == 0 ? def : d[0];
    }

    /** The first numeric value as an int, or {@code def} if absent or empty. */
    public int getInt(int tag, int def) {
        double[] d = getDoubles(tag);
        return d.length == 0 ? def : (int) Math.round(d[0]);
    }

    /** The items of a sequence; empty if absent. */
    public List<Attributes> getSequence(int tag) {
        Element e = elements.get(tag);
        return e == null ? List.of() : e.items();
    }

    /** The first item of a sequence, or null. */
    public Attributes getItem(int tag) {
        List<Attributes> s = getSequence(tag);
        return s.isEmpty() ? null : s.get(0);
    }

    // ---- building (for writers) ----

    /** Sets a text element (values joined by backslash, padded to even length). */
    public Attributes setString(int tag, VR vr, String... values) {
        String joined = String.join("\\", values);
        byte[] b = joined.getBytes(vr == VR.UI ? StandardCharsets.US_ASCII : charset);
        if ((b.length & 1) == 1) {
            b = java.util.Arrays.copyOf(b, b.length + 1);
            b[b.length - 1] = vr.padding();
        }
        return setBytes(tag, vr, b);
    }

    /** Sets a DS element from numbers (each formatted to at most 16 characters). */
    public Attributes setDecimal(int tag, double... values) {
        String[] s = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            s[i] = DecimalStrings.format(values[i]);
        }
        return setString(tag, VR.DS, s);
    }

    /** Sets an IS element. */
    public Attributes setIntString(int tag, long... values) {
        String[] s = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            s[i] = Long.toString(values[i]);
        }
        return setString(tag, VR.IS, s);
    }

    /** Sets a binary integer element (US, SS, UL or SL). */
    public Attributes setInt(int tag, VR vr, int... values) {
        int w = vr == VR.US || vr == VR.SS ? 2 : 4;
        ByteBuffer b = ByteBuffer.allocate(values.length * w).order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            if (w == 2) {
                b.putShort((short) v);
            } else {
                b.putInt(v);
            }
        }
        return setBytes(tag, vr, b.array());
    }

    /** Sets a binary element from bytes (owned by the dataset afterwards; padded to even length). */
    public Attributes setBytes(int tag, VR vr, byte[] value) {
        byte[] v = value;
        if ((v.length & 1) == 1) {
            v = java.util.Arrays.copyOf(v, v.length + 1);
            v[v.length - 1] = vr.padding();
        }
        put(new Element(tag, vr, ByteBuffer.wrap(v).asReadOnlyBuffer(), null, null, -1));
        return this;
    }

    /** Sets a sequence of items. */
    public Attributes setSequence(int tag, List<Attributes> items) {
        put(new Element(tag, VR.SQ, ByteBuffer.allocate(0), new ArrayList<>(items), null, -1));
        return this;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("Attributes[");
        for (Element e : elements.values()) {
            b.append(Tag.toString(e.tag())).append(' ').append(e.vr()).append(" #").append(e.length()).append(", ");
        }
        return b.append(']').toString();
    }
}
