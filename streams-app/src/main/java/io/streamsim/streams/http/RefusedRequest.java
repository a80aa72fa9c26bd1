package io.streamsim.streams.http;

import java.util.Map;

/**
 * A request that a local endpoint will not act on: its HTTP status and a message for the caller, which says what
 * was wrong with the request and never carries the text of another exception.
 */
public final class RefusedRequest extends Exception {

    private final int status;
    private final Map<String, String> headers;

    public RefusedRequest(int status, String message) {
        this(status, message, Map.of());
    }

    /** @param headers response headers the status needs, e.g. {@code Allow} for a 405 */
    public RefusedRequest(int status, String message, Map<String, String> headers) {
        super(message, null, false, false);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("a refusal is a 4xx or 5xx status, was " + status);
        }
        this.status = status;
        this.headers = Map.copyOf(headers);
    }

    /** 400: a missing, malformed or out-of-bounds parameter. */
    public static RefusedRequest badRequest(String message) {
        return new RefusedRequest(400, message);
    }

    /** 405 with {@code Allow: allowed}. */
    public static RefusedRequest methodNotAllowed(String allowed) {
        return new RefusedRequest(405, "only " + allowed + " here", Map.of("Allow", allowed));
    }

    public int status() {
        return status;
    }

    /** Headers the response must carry besides its content type. */
    public Map<String, String> headers() {
        return headers;
    }
}
