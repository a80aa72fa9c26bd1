package io.streamsim.streams.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The checks of one local server on one port, so that neither a web page in a browser on this machine nor
 * another machine can drive it.
 *
 * <ul>
 *   <li>{@link #requireLocal}: the peer is on loopback and the {@code Host} header is exactly one of
 *       {@code 127.0.0.1:PORT}, {@code localhost:PORT} or {@code [::1]:PORT} (names compared ignoring case; on
 *       port 80 the bare name too). Anything else is a 421, a missing or repeated {@code Host} included: a page
 *       on {@code http://127.attacker.example:PORT/} whose name is rebound to 127.0.0.1 reaches the socket but
 *       sends {@code Host: 127.attacker.example:PORT}.</li>
 *   <li>{@link #requireSameOriginPost}: a state-changing request is a {@code POST} (else 405), carries an
 *       {@code Origin} that is {@code http://} and one of those host names with this port (else 403: a missing
 *       {@code Origin} too, and {@code null}), and has no query string (else 400: parameters go in the body, see
 *       {@link FormParams}). A browser sends {@code Origin} with every {@code POST}, same-origin ones included,
 *       so the page's own {@code fetch} passes and a cross-site form post or "simple" {@code fetch} does not.</li>
 *   <li>{@link #requireToken}: where a {@link ControlToken} is set, the request's {@value ControlToken#HEADER}
 *       is that token (else 403); without one, nothing is asked.</li>
 * </ul>
 */
public final class LoopbackGuard {

    /** The names of loopback a local server answers to, and the only hosts the live page may bind. */
    public static final List<String> LOOPBACK_NAMES = List.of("127.0.0.1", "localhost", "::1");

    private final int port;
    private final Set<String> authorities;
    private final Optional<ControlToken> token;

    private LoopbackGuard(int port, Optional<ControlToken> token) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be a bound port in [1, 65535], was " + port);
        }
        this.port = port;
        this.authorities = port == 80
                ? Set.of("127.0.0.1:80", "localhost:80", "[::1]:80", "127.0.0.1", "localhost", "[::1]")
                : Set.of("127.0.0.1:" + port, "localhost:" + port, "[::1]:" + port);
        this.token = Objects.requireNonNull(token, "token");
    }

    /** For a server listening on {@code port} (the bound one, not 0), asking no token. */
    public static LoopbackGuard forPort(int port) {
        return new LoopbackGuard(port, Optional.empty());
    }

    /** The same checks, and {@code token} on every {@link #requireToken}. */
    public LoopbackGuard withToken(ControlToken token) {
        return new LoopbackGuard(port, Optional.of(token));
    }

    /** Whether {@code host} is one of {@link #LOOPBACK_NAMES}, exactly (ignoring case). */
    public static boolean isLoopbackName(String host) {
        return host != null && LOOPBACK_NAMES.contains(host.toLowerCase(Locale.ROOT));
    }

    /** Whether a {@code Host} header value names this server on loopback; see the class doc. */
    public boolean isOwnAuthority(String hostHeader) {
        return hostHeader != null && authorities.contains(hostHeader.trim().toLowerCase(Locale.ROOT));
    }

    /** Whether an {@code Origin} header value is a page of this server on loopback. */
    public boolean isOwnOrigin(String origin) {
        if (origin == null || !origin.regionMatches(true, 0, "http://", 0, 7)) {
            return false;
        }
        String authority = origin.substring(7);
        // An Origin has no path; a trailing slash or more means something is off.
        return authority.indexOf('/') < 0 && isOwnAuthority(authority);
    }

    /**
     * @throws RefusedRequest 403 from a peer that is not on loopback, 421 for a {@code Host} other than this
     *                        server's loopback names
     */
    public void requireLocal(HttpExchange exchange) throws RefusedRequest {
        InetSocketAddress peer = exchange.getRemoteAddress();
        if (peer == null || peer.getAddress() == null || !peer.getAddress().isLoopbackAddress()) {
            throw new RefusedRequest(403, "this endpoint answers requests from this machine only");
        }
        List<String> hosts = exchange.getRequestHeaders().get("Host");
        if (hosts == null || hosts.size() != 1 || !isOwnAuthority(hosts.get(0))) {
            throw new RefusedRequest(421, "this server answers to Host 127.0.0.1:" + port + ", localhost:" + port
                    + " or [::1]:" + port + " only");
        }
    }

    /** @throws RefusedRequest 405 for another method, 403 without a same-origin Origin, 400 for a query string */
    public void requireSameOriginPost(HttpExchange exchange) throws RefusedRequest {
        if (!"POST".equals(exchange.getRequestMethod())) {
            throw RefusedRequest.methodNotAllowed("POST");
        }
        List<String> origins = exchange.getRequestHeaders().get("Origin");
        if (origins == null || origins.size() != 1 || !isOwnOrigin(origins.get(0))) {
            throw new RefusedRequest(403, "a control takes a POST with the Origin of this server (http://127.0.0.1:"
                    + port + ", http://localhost:" + port + " or http://[::1]:" + port + ")");
        }
        if (exchange.getRequestURI().getRawQuery() != null) {
            throw RefusedRequest.badRequest("parameters go in a " + FormParams.CONTENT_TYPE
                    + " body, not the query string");
        }
    }

    /** @throws RefusedRequest 403 when a token is set and the request does not carry it */
    public void requireToken(Headers headers) throws RefusedRequest {
        if (token.isPresent()) {
            List<String> presented = headers.get(ControlToken.HEADER);
            if (presented == null || presented.size() != 1 || !token.get().matches(presented.get(0))) {
                throw new RefusedRequest(403, "a control needs this run's " + ControlToken.HEADER + " header");
            }
        }
    }

    /** The headers a client of this server sends with a control: a same-origin Origin and the token, if any. */
    public Map<String, String> controlHeaders() {
        return token.map(t -> Map.of("Origin", "http://127.0.0.1:" + port, ControlToken.HEADER, t.value()))
                .orElse(Map.of("Origin", "http://127.0.0.1:" + port));
    }

    public int port() {
        return port;
    }
}
