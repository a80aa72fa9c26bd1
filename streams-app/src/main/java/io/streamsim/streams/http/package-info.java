/**
 * What every local HTTP endpoint of streamsim checks before it acts, written once: the app instances' and the
 * simulator's {@code /metrics}, {@code /targets} and {@code /control/} endpoints
 * ({@link io.streamsim.streams.MetricsServer}) and the simulator's live page use the same rules.
 *
 * <ul>
 *   <li>{@link io.streamsim.streams.http.LoopbackGuard}: the {@code Host} header must name this server on
 *       loopback ({@code 127.0.0.1:PORT}, {@code localhost:PORT}, {@code [::1]:PORT}), which defeats DNS
 *       rebinding; a state-changing request must be a {@code POST} with a same-origin {@code Origin}, which
 *       defeats a cross-site form or {@code fetch}; and, where one is set, carry the run's
 *       {@link io.streamsim.streams.http.ControlToken}.</li>
 *   <li>{@link io.streamsim.streams.http.FormParams}: the one parser of {@code application/x-www-form-urlencoded}
 *       parameters (a repeated name is refused, not resolved first- or last-wins).</li>
 *   <li>{@link io.streamsim.streams.http.RefusedRequest}: a refusal with its HTTP status and a message meant for
 *       the caller; never the text of an unexpected exception.</li>
 * </ul>
 *
 * <p>Depends on the JDK only ({@code com.sun.net.httpserver}); nothing here knows a server's endpoints.
 */
package io.streamsim.streams.http;
