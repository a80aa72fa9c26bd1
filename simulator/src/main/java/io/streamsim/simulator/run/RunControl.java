package io.streamsim.simulator.run;

import io.streamsim.model.scenario.Scenario;
import java.util.List;
import java.util.function.Consumer;

/**
 * A running scenario as a live page sees it: what has been measured so far, and the controls a presenter has.
 * Every control lands on the run's timeline (and so in the time series, the summary and the report) like a fault
 * of the scenario's own timeline.
 */
public interface RunControl {

    /** Something that happened to the run: a fault of the timeline, or a control pressed on the live page. */
    record TimelineEvent(double atSeconds, String description, String outcome) {
    }

    Scenario scenario();

    /** The samples so far, oldest first (one a second). */
    List<Sample> samples();

    /** Faults and controls applied so far, in order. */
    List<TimelineEvent> timeline();

    /** Called with every new sample, on the sampling thread; keep it quick. */
    void onSample(Consumer<Sample> listener);

    /** Multiplies the send rate from now on (10 for the 10x step, 0.1 to step back). */
    void stepRate(double factor);

    /** Starts one more app instance; returns its name. */
    String scaleOut();

    /** Stops the most recently started live app instance gracefully; returns its name. */
    String scaleIn();

    /**
     * SIGKILLs the most recently started live app instance; returns its name.
     *
     * @throws IllegalStateException when the instances run in the simulator's JVM (no process to kill)
     */
    String killOne();

    /** Writes {@code records} undecodable records into the input topic. */
    void poisonBurst(int records);
}
