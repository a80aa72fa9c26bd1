/**
 * {@code streamsim bench pipeline}: the maximum sustainable rate of streamsim's own pipeline (a generated scenario
 * run by {@code ScenarioRun}, judged from its run folder) and of a bare baseline (Kafka's ProducerPerformance feeding
 * a hand-written Kafka Streams app), found by the same rate search on one embedded broker, with CPU per event by
 * thread role, startup times and memory. The rate search ({@link io.streamsim.bench.pipeline.RateFinder}), the
 * judgement of a hold ({@link io.streamsim.bench.pipeline.HoldVerdict}) and the CPU accounting
 * ({@link io.streamsim.bench.pipeline.ThreadRoles}) are pure and tested without a broker.
 */
package io.streamsim.bench.pipeline;
