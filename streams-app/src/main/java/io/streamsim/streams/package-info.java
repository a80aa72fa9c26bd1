/**
 * The streams app: a Kafka Streams windowed aggregation of streamsim events, runnable on its own against
 * any cluster ({@link io.streamsim.streams.StreamsAppMain}) or embedded by the simulator
 * ({@link io.streamsim.streams.StreamsApp}).
 *
 * <p>Owns the topology ({@link io.streamsim.streams.WindowedAggregation}, a pure builder that a
 * {@code TopologyTestDriver} drives), the app's meters ({@link io.streamsim.streams.AppMeters}), the
 * Prometheus endpoint and the simulator's control endpoints ({@link io.streamsim.streams.MetricsServer}:
 * {@code /control/status}, {@code /control/slow}, guarded by {@link io.streamsim.streams.http}, which this package
 * uses and which knows nothing of it), the Prometheus registries behind every endpoint
 * ({@link io.streamsim.streams.PrometheusRegistries}, which export Kafka's own metrics in Prometheus names and
 * base units: {@link io.streamsim.streams.KafkaMeterNames}), dead-letter routing of undecodable input
 * ({@link io.streamsim.streams.DeadLetterHandler}, KIP-1034), the slow-consumer switch
 * ({@link io.streamsim.streams.ProcessingThrottle}) and committed-offset lag ({@link io.streamsim.streams.LagMonitor}).
 *
 * <p>Late data follows Kafka Streams 4.3.1's own rule, which the app mirrors to count drops itself: a task's
 * stream time is the largest record timestamp its aggregation has seen (reset to -1 when the task's
 * processor is created), and a record is dropped from each of its windows whose
 * {@code end <= streamTime - grace}. Final results ({@code emit: final}) leave the suppression buffer when its
 * stream time reaches {@code end + grace}. Internal stores and topics: the window store {@code window-agg}
 * (changelog {@code <application id>-window-agg-changelog}) and, for final emission, the suppression
 * buffer {@code until-window-closes} (changelog {@code <application id>-until-window-closes-store-changelog});
 * no repartition topic, since the key never changes before the aggregation. The steps add theirs: a groupBy
 * re-keys through {@code by-<fields>} ({@link io.streamsim.streams.GroupByStepBuilder}), and a salted one
 * aggregates per sub-key there and combines the partials through {@code by-<fields>-unsalted} into the
 * key-value store {@code partials-combined} ({@link io.streamsim.streams.SaltedStages}).
 */
package io.streamsim.streams;
