/**
 * The Kafka clusters a run can start: {@link io.streamsim.simulator.broker.EmbeddedKafkaBroker} (one node in
 * this JVM, no broker faults) and {@link io.streamsim.simulator.broker.ChildJvmKafkaCluster} (N nodes, one child
 * JVM each, that can be killed, stopped and restarted), both behind
 * {@link io.streamsim.simulator.broker.KafkaCluster}. This is also the only place in streamsim that touches
 * broker internals ({@code kafka.server}, {@code org.apache.kafka.metadata.storage}), so that a Kafka upgrade
 * stays local.
 */
package io.streamsim.simulator.broker;
