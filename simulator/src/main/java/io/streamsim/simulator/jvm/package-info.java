/**
 * Starting child JVMs that run what this JVM runs (app instances, brokers): the classpath, expanded from a
 * manifest-only jar when needed, and the java executable.
 */
package io.streamsim.simulator.jvm;
