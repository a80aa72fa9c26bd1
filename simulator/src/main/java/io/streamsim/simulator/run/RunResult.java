package io.streamsim.simulator.run;

import java.nio.file.Path;

/** How a run ended, where its folder is, and what it measured. */
public record RunResult(Outcome outcome, Path folder, RunSummary summary) {

    public enum Outcome {
        /** Ran the whole timeline and drained; the checks are in the summary. */
        COMPLETED,
        /** Stopped early on request (Ctrl-C); the report has what was measured until then. */
        STOPPED,
        /** Something broke; the report has what was measured until then and the reason. */
        FAILED
    }
}
