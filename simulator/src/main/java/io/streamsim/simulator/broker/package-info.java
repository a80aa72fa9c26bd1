/**
 * The embedded Kafka broker, and the only place in streamsim that touches broker internals
 * ({@code kafka.server}, {@code org.apache.kafka.metadata.storage}), so that a Kafka upgrade stays local.
 */
package io.streamsim.simulator.broker;
