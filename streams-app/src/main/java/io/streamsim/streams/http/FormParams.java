package io.streamsim.streams.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Parameters in {@code application/x-www-form-urlencoded} form, the one parser every local endpoint uses.
 *
 * <p>Rules: pairs split on {@code &}, name and value on the first {@code =} ({@code a} alone is {@code a=""}),
 * both percent-decoded as UTF-8 with {@code +} for a space; empty pairs ({@code a=1&&b=2}) are skipped. A name
 * given twice is refused rather than resolved first- or last-wins, since the two halves of a request could
 * otherwise disagree on what it asked for: {@code factor=1&factor=100} is a 400, not a factor of 1 or 100.
 */
public final class FormParams {

    public static final String CONTENT_TYPE = "application/x-www-form-urlencoded";
    /** Far more than any control needs; a bigger body is refused unread. */
    public static final int MAX_BODY_BYTES = 4096;

    private static final FormParams NONE = new FormParams(Map.of());

    private final Map<String, String> values;

    private FormParams(Map<String, String> values) {
        this.values = values;
    }

    /**
     * Parses {@code encoded} (a form body or a raw query string; null or empty: no parameters).
     *
     * @throws RefusedRequest 400 for a name given twice or malformed percent-encoding
     */
    public static FormParams parse(String encoded) throws RefusedRequest {
        if (encoded == null || encoded.isEmpty()) {
            return NONE;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (values.putIfAbsent(name, value) != null) {
                throw RefusedRequest.badRequest("parameter " + name + " is given twice");
            }
        }
        return new FormParams(Map.copyOf(values));
    }

    private static String decode(String s) throws RefusedRequest {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw RefusedRequest.badRequest("malformed percent-encoding in the parameters");
        }
    }

    /**
     * The parameters in the body of {@code exchange}: none for an empty body, whatever its content type; otherwise
     * the body must be {@value #CONTENT_TYPE} of at most {@value #MAX_BODY_BYTES} bytes.
     *
     * @throws RefusedRequest 415 for another content type, 413 for a bigger body, 400 as {@link #parse(String)}
     */
    public static FormParams readBody(HttpExchange exchange) throws IOException, RefusedRequest {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length == 0) {
            return NONE;
        }
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        String mediaType = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!mediaType.equals(CONTENT_TYPE)) {
            throw new RefusedRequest(415, "parameters go in a " + CONTENT_TYPE + " body");
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new RefusedRequest(413, "the body is over " + MAX_BODY_BYTES + " bytes");
        }
        return parse(new String(body, StandardCharsets.UTF_8));
    }

    /**
     * Refuses any parameter not in {@code known}: a misspelt name is an error, not a default silently taken.
     *
     * @throws RefusedRequest 400 naming the unknown parameters and the known ones
     */
    public FormParams onlyThese(String... known) throws RefusedRequest {
        Set<String> unknown = new TreeSet<>(values.keySet());
        Arrays.asList(known).forEach(unknown::remove);
        if (!unknown.isEmpty()) {
            throw RefusedRequest.badRequest("unknown parameter(s) " + String.join(", ", unknown)
                    + (known.length == 0 ? "; this takes none" : "; this takes " + String.join(", ", known)));
        }
        return this;
    }

    /** @throws RefusedRequest 400 when {@code name} is missing */
    public String required(String name) throws RefusedRequest {
        String value = values.get(name);
        if (value == null) {
            throw RefusedRequest.badRequest(name + " is required");
        }
        return value;
    }

    public Map<String, String> asMap() {
        return values;
    }
}
