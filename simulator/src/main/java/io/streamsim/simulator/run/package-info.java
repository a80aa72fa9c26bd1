/**
 * One scenario run from start to finish: the Kafka target and topics, app instances, producers, the
 * output tracker, per-second sampling, the drain at the end, and the figures the report is made of.
 */
package io.streamsim.simulator.run;
