package org.organ3d.net.dicomweb;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.organ3d.io.dicom.Attributes;
import org.organ3d.io.dicom.DecimalStrings;
import org.organ3d.io.dicom.Tag;
import org.organ3d.io.dicom.VR;

/**
 * The DICOM JSON model (PS3.18 §F.2) read into {@link Attributes}, so that QIDO-RS answers, WADO-RS
 * metadata and STOW-RS responses are read with the same accessors as files and C-FIND answers.
 *
 * <p>Each member is {@code "ggggeeee": {"vr": "..", "Value": [...]}} or with {@code InlineBinary}
 * (base64) or {@code BulkDataURI} (not fetched: the element is kept empty). Person names take the
 * {@code Alphabetic}, {@code Ideographic} and {@code Phonetic} groups joined by {@code =}; numbers
 * of IS and DS may come as JSON numbers or strings (servers differ); binary numbers are stored
 * little endian. Text is kept as UTF-8 (Specific Character Set {@code ISO_IR 192} is set on the
 * top-level dataset; items inherit nothing, so non-ASCII text in items reads as ISO 8859-1).
 *
 * <p>Thread-safe (stateless).
 */
public final class DicomJson {

    private DicomJson() {
    }

    /** Thrown for JSON that is not the DICOM JSON model. */
    public static final class FormatException extends Exception {
        private static final long serialVersionUID = 1L;

        FormatException(String message) {
            super(message);
        }
    }

    /**
     * Parses a JSON array of datasets (the body of a QIDO-RS answer or of WADO-RS metadata).
     *
     * @throws FormatException if the text is not JSON or not an array of DICOM JSON objects
     */
    public static List<Attributes> parseArray(String json) throws FormatException {
        Object v = parseJson(json);
        if (!(v instanceof List<?> list)) {
            throw new FormatException("expected a JSON array of datasets");
        }
        List<Attributes> out = new ArrayList<>(list.size());
        for (Object o : list) {
            out.add(dataset(o, 0, true));
        }
        return out;
    }

    /**
     * Parses one dataset (the body of a STOW-RS answer).
     *
     * @throws FormatException if the text is not JSON or not a DICOM JSON object
     */
    public static Attributes parseObject(String json) throws FormatException {
        return dataset(parseJson(json), 0, true);
    }

    private static Object parseJson(String json) throws FormatException {
        try {
            return JsonReader.parse(json);
        } catch (JsonReader.JsonException e) {
            throw new FormatException(e.getMessage());
        }
    }

    private static Attributes dataset(Object o, int depth, boolean top) throws FormatException {
        if (!(o instanceof Map<?, ?> m)) {
            throw new FormatException("expected a JSON object for a dataset");
        }
        Attributes ds = new Attributes();
        if (top) {
            ds.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
        }
        for (Map.Entry<?, ?> e : m.entrySet()) {
            String key = (String) e.getKey();
            int tag = parseTag(key);
            if (tag == Tag.SpecificCharacterSet) {
                continue;
            }
            if (!(e.getValue() instanceof Map<?, ?> attr)) {
                throw new FormatException("attribute " + key + " is not a JSON object");
            }
            element(ds, tag, attr, depth);
        }
        return ds;
    }

    private static int parseTag(String key) throws FormatException {
        if (key.length() != 8) {
            throw new FormatException("'" + key + "' is not a tag (8 hex digits)");
        }
        try {
            return Integer.parseUnsignedInt(key, 16);
        } catch (NumberFormatException e) {
            throw new FormatException("'" + key + "' is not a tag (8 hex digits)");
        }
    }

    private static void element(Attributes ds, int tag, Map<?, ?> attr, int depth) throws FormatException {
        String name = Tag.toString(tag);
        if (!(attr.get("vr") instanceof String vrName) || vrName.length() != 2) {
            throw new FormatException(name + " has no \"vr\"");
        }
        VR vr = VR.of((vrName.charAt(0) << 8) | vrName.charAt(1));
        if (vr == null) {
            throw new FormatException(name + " has an unknown VR '" + vrName + "'");
        }
        Object inline = attr.get("InlineBinary");
        if (inline != null) {
            if (!(inline instanceof String b64)) {
                throw new FormatException(name + ": InlineBinary is not a string");
            }
            try {
                // NB: line breaks are tolerated (some servers wrap base64), anything else must be base64
                ds.setBytes(tag, vr, Base64.getDecoder().decode(b64.replaceAll("[\\r\\n]", "")));
            } catch (IllegalArgumentException e) {
                throw new FormatException(name + ": InlineBinary is not base64");
            }
            return;
        }
        Object value = attr.get("Value");
        List<?> values = value == null ? List.of() : value instanceof List<?> l ? l : null;
        if (values == null) {
            throw new FormatException(name + ": \"Value\" is not an array");
        }
        if (vr == VR.SQ) {
            if (depth >= JsonReader.MAX_DEPTH) {
                throw new FormatException(name + ": sequences nested too deep");
            }
            List<Attributes> items = new ArrayList<>(values.size());
            for (Object item : values) {
                items.add(dataset(item, depth + 1, false));
            }
            ds.setSequence(tag, items);
            return;
        }
        switch (vr) {
            case US, SS, UL, SL -> {
                int[] v = new int[values.size()];
                for (int i = 0; i < v.length; i++) {
                    // NB: UL values above 2^31 keep their bits in the int (written back unsigned)
                    v[i] = (int) number(values.get(i), name).longValue();
                }
                ds.setInt(tag, vr, v);
            }
            case FL, FD, SV, UV -> {
                int w = vr == VR.FL ? 4 : 8;
                ByteBuffer b = ByteBuffer.allocate(values.size() * w).order(ByteOrder.LITTLE_ENDIAN);
                for (Object o : values) {
                    BigDecimal d = number(o, name);
                    switch (vr) {
                        case FL -> b.putFloat(d.floatValue());
                        case FD -> b.putDouble(d.doubleValue());
                        default -> b.putLong(d.toBigInteger().longValue());
                    }
                }
                ds.setBytes(tag, vr, b.array());
            }
            case AT -> {
                ByteBuffer b = ByteBuffer.allocate(values.size() * 4).order(ByteOrder.LITTLE_ENDIAN);
                for (Object o : values) {
                    int t = parseTag(String.valueOf(o));
                    b.putShort((short) (t >>> 16)).putShort((short) t);
                }
                ds.setBytes(tag, vr, b.array());
            }
            case PN -> {
                String[] s = new String[values.size()];
                for (int i = 0; i < s.length; i++) {
                    s[i] = personName(values.get(i), name);
                }
                ds.setString(tag, vr, s);
            }
            default -> {
                if (!vr.isText()) {
                    // NB: binary VRs (OB, OW, UN ...) without InlineBinary carry a BulkDataURI or nothing
                    ds.setBytes(tag, vr, new byte[0]);
                    return;
                }
                String[] s = new String[values.size()];
                for (int i = 0; i < s.length; i++) {
                    Object o = values.get(i);
                    if (o == null) {
                        s[i] = "";
                    } else if (o instanceof String str) {
                        s[i] = str;
                    } else if (o instanceof BigDecimal d && (vr == VR.IS || vr == VR.DS)) {
                        s[i] = vr == VR.IS ? d.toBigInteger().toString() : decimal(d);
                    } else {
                        throw new FormatException(name + ": value " + i + " is not text");
                    }
                }
                ds.setString(tag, vr, s);
            }
        }
    }

    private static String decimal(BigDecimal d) {
        String plain = d.toPlainString();
        return plain.length() <= 16 ? plain : DecimalStrings.format(d.doubleValue());
    }

    private static BigDecimal number(Object o, String name) throws FormatException {
        if (o instanceof BigDecimal d) {
            return d;
        }
        if (o instanceof String s) {
            try {
                return new BigDecimal(s.strip());
            } catch (NumberFormatException e) {
                throw new FormatException(name + ": '" + s + "' is not a number");
            }
        }
        throw new FormatException(name + ": a value is not a number");
    }

    private static String personName(Object o, String name) throws FormatException {
        if (o == null) {
            return "";
        }
        if (o instanceof String s) {
            return s;
        }
        if (!(o instanceof Map<?, ?> m)) {
            throw new FormatException(name + ": a person name is not an object");
        }
        String[] groups = new String[3];
        String[] keys = {"Alphabetic", "Ideographic", "Phonetic"};
        int last = -1;
        for (int i = 0; i < 3; i++) {
            Object g = m.get(keys[i]);
            groups[i] = g instanceof String s ? s : "";
            if (!groups[i].isEmpty()) {
                last = i;
            }
        }
        StringBuilder b = new StringBuilder(groups[0]);
        for (int i = 1; i <= last; i++) {
            b.append('=').append(groups[i]);
        }
        return b.toString();
    }
}
