package io.streamsim.simulator.run;

/** How a stage of the run (the load, the drain) ended. */
sealed interface StageEnd {

    /** Done: the run goes on to its next stage. */
    record Finished() implements StageEnd {
    }

    /** Ended early because a stop was requested (Ctrl-C); the report has what was measured. */
    record Stopped(String reason) implements StageEnd {
    }

    /** Could not finish (e.g. the pipeline did not drain in time). */
    record Failed(String reason) implements StageEnd {
    }
}
