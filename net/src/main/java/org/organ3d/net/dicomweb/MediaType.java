package org.organ3d.net.dicomweb;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A media type with parameters (RFC 9110 §8.3.1), e.g.
 * {@code multipart/related; type="application/dicom"; boundary=xyz}. The type is lower-cased,
 * parameter names too; quoted parameter values are unquoted (backslash escapes honoured).
 *
 * @param type       {@code type/subtype}, lower case
 * @param parameters parameters by lower-case name
 */
public record MediaType(String type, Map<String, String> parameters) {

    public MediaType {
        Objects.requireNonNull(type);
        parameters = Map.copyOf(parameters);
    }

    /**
     * Parses a {@code Content-Type} value.
     *
     * @throws IllegalArgumentException if it has no {@code type/subtype} or a parameter is malformed
     */
    public static MediaType parse(String value) {
        String s = Objects.requireNonNull(value);
        int semi = s.indexOf(';');
        String type = (semi < 0 ? s : s.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
        if (type.indexOf('/') <= 0 || type.endsWith("/")) {
            throw new IllegalArgumentException("not a media type: '" + value + "'");
        }
        Map<String, String> params = new LinkedHashMap<>();
        int i = semi < 0 ? s.length() : semi + 1;
        while (i < s.length()) {
            while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t' || s.charAt(i) == ';')) {
                i++;
            }
            if (i >= s.length()) {
                break;
            }
            int eq = s.indexOf('=', i);
            if (eq < 0) {
                throw new IllegalArgumentException("parameter without '=' in '" + value + "'");
            }
            String name = s.substring(i, eq).strip().toLowerCase(Locale.ROOT);
            i = eq + 1;
            StringBuilder v = new StringBuilder();
            if (i < s.length() && s.charAt(i) == '"') {
                i++;
                boolean closed = false;
                while (i < s.length()) {
                    char c = s.charAt(i++);
                    if (c == '\\' && i < s.length()) {
                        v.append(s.charAt(i++));
                    } else if (c == '"') {
                        closed = true;
                        break;
                    } else {
                        v.append(c);
                    }
                }
                if (!closed) {
                    throw new IllegalArgumentException("unterminated quoted parameter in '" + value + "'");
                }
                while (i < s.length() && s.charAt(i) != ';') {
                    i++;
                }
            } else {
                int end = s.indexOf(';', i);
                end = end < 0 ? s.length() : end;
                v.append(s, i, end);
                i = end;
            }
            if (name.isEmpty()) {
                throw new IllegalArgumentException("empty parameter name in '" + value + "'");
            }
            params.put(name, v.toString().strip());
        }
        return new MediaType(type, params);
    }

    /** A parameter's value, or null. */
    public String parameter(String name) {
        return parameters.get(name.toLowerCase(Locale.ROOT));
    }

    /** True if the type (without parameters) is {@code t} (case-insensitive). */
    public boolean is(String t) {
        return type.equalsIgnoreCase(t);
    }
}
