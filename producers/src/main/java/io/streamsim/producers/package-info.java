/**
 * The load generator: turns a {@link io.streamsim.model.scenario.Scenario} into a paced, deterministic stream of
 * Kafka records.
 *
 * <p>What this package owns:
 * <ul>
 *   <li><b>The event stream.</b> {@link io.streamsim.producers.EventGenerator} derives event {@code i} from
 *       {@code (seed, i, origin)} alone, with a fresh {@link java.util.SplittableRandom} seeded by
 *       {@link io.streamsim.producers.EventGenerator#mix(long, long)}: no state is shared between events, so
 *       any number of producer threads, in any interleaving, sends the same multiset of events, and a checker
 *       can regenerate any event without replaying the ones before it.</li>
 *   <li><b>Distributions</b> as small named classes: {@link io.streamsim.producers.UniformKeys},
 *       {@link io.streamsim.producers.ZipfKeys}, {@link io.streamsim.producers.HotspotKeys} behind
 *       {@link io.streamsim.producers.KeySampler}, and {@link io.streamsim.producers.DelaySampler} for
 *       event-time disorder.</li>
 *   <li><b>Pacing without coordinated omission.</b> {@link io.streamsim.producers.Pacer} releases event
 *       {@code i} at its due time on the rate timeline and never skips one when behind; the
 *       {@value io.streamsim.model.Headers#EMITTED_AT} header carries the due time, not the send time, so
 *       end-to-end latency includes any time the producers fell behind.</li>
 *   <li><b>Sending.</b> {@link io.streamsim.producers.LoadGenerator} runs {@code producer.threads} threads,
 *       each with its own producer; thread {@code k} sends the indices {@code i % threads == k} in order.
 *       Send failures are counted, never thrown, so that a broker fault shows up as a number in the run
 *       rather than as a dead producer thread.</li>
 *   <li><b>Reference data.</b> {@link io.streamsim.producers.ReferenceTable} makes a scenario's dimension table (one
 *       row per event key) from the seed, and {@link io.streamsim.producers.ReferenceUpdates} its slowly changing
 *       updates; their times come from {@link io.streamsim.producers.LoadGenerator#eventTimeNow()}, the events'
 *       own clock.</li>
 * </ul>
 *
 * <p>Time is injected through {@link io.streamsim.producers.Ticker}, so pacing is tested with a fake clock.
 */
package io.streamsim.producers;
