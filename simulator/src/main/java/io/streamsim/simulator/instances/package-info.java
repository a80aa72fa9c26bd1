/**
 * App instances of one run, placed one of two ways ({@link io.streamsim.simulator.instances.AppInstances.Placement}):
 * in this JVM ({@link io.streamsim.simulator.instances.InProcessAppInstance}: the same app and endpoints, one JIT and
 * no start-up of a JVM, but no crash), or as child JVMs, so that a fault's {@code kill} is a real SIGKILL (exit
 * status 137, no group leave, uncommitted work redone by the others) and {@code stop} a real SIGTERM (the child
 * closes, leaves its group and exits 0). Both are configured from the same argument list
 * ({@code AppLaunch.arguments}).
 *
 * <p>A child is {@code java -cp <this JVM's classpath, see io.streamsim.simulator.jvm.ChildJvm> io.streamsim.streams.StreamsAppMain ...
 * --metrics-port 0 --parent-pid <this pid>}. It tells its parent where it listens and how it is doing in stdout
 * lines starting {@code streamsim-app }: {@code metrics-port=<port>} once its HTTP endpoints listen,
 * {@code state=<Kafka Streams state>} on every state change, {@code final-status=<json>} after a clean stop.
 * Everything the child writes (those lines and its logs) goes to {@code <log dir>/app-instance-N.log}.
 * Counts come from the child's {@code GET /control/status}; a slow-down goes to its {@code POST /control/slow};
 * both carry the run's random control token, which the child gets in its environment
 * ({@code --control-token-env}, see {@link io.streamsim.simulator.instances.AppLaunch}), so that nothing else on
 * the machine can drive it.
 * Children die with the parent: a shutdown hook kills them, and a child whose parent is gone (even by SIGKILL)
 * stops itself within a second.
 *
 * <p>{@link io.streamsim.simulator.instances.AppInstances} holds the named instances of one run and sums their
 * counts; {@link io.streamsim.simulator.instances.AppInstance} is one of them.
 */
package io.streamsim.simulator.instances;
