package io.streamsim.simulator.instances;

import io.streamsim.streams.TableStatus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** One app instance of a run, named {@code app-instance-N}: started, crashed, stopped and restarted by name. */
public interface AppInstance {

    String name();

    /**
     * Launches it (again, after a kill or stop, with the same state directory).
     *
     * @throws IllegalStateException while it is alive
     */
    void start();

    /** Waits until it reports {@code RUNNING}; false on timeout or once it has died. */
    boolean awaitRunning(Duration timeout) throws InterruptedException;

    /** SIGKILL: a crash. Returns once the process is gone. No-op when not alive. */
    void kill();

    /** SIGTERM, then up to {@code timeout} for it to close and leave its group; killed after that. No-op when not alive. */
    void stop(Duration timeout);

    /**
     * Starts it again after a kill or stop, with the same state directory.
     *
     * @throws IllegalStateException while it is alive
     */
    void restart();

    boolean isAlive();

    /** Asks a live instance; a dead one answers with its last known values. Never blocks for more than ~2s. */
    InstanceStatus status();

    /**
     * Every record waits {@code perRecord} (at most 1s) from now for {@code lasting}; zero ends a slow-down.
     * No-op when not alive; a restart ends it.
     *
     * @throws IllegalArgumentException when the instance refuses the values
     */
    void slowDown(Duration perRecord, Duration lasting);

    /**
     * The port of its {@code /metrics} endpoint on 127.0.0.1 while it is alive and has said where it listens;
     * each life listens on a fresh ephemeral port.
     */
    OptionalInt metricsPort();

    /** The exit status of its last life once that has ended: 137 after a kill, 0 after a clean stop. */
    OptionalInt exitCode();

    /**
     * The enrich step's reference table in each life so far, the first start first, as the instance last reported it
     * (a dead life: its last answer); empty without an enrich step.
     */
    default List<TableStatus> tableLives() {
        return List.of();
    }

    /**
     * Asks a live instance to count what its table store holds now (an iteration of the store: at the end of the
     * load, not every second); empty when it is not alive, has no table or cannot tell.
     */
    default Optional<TableStatus.Held> tableHeld() {
        return Optional.empty();
    }
}
