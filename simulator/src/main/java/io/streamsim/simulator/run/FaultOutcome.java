package io.streamsim.simulator.run;

import java.util.List;

/**
 * What applying one fault came to. Callers act on the type (a scale-out's started instances, a failure's reason);
 * {@link #describe()} is only the text the summary, the live timeline and the console show.
 */
sealed interface FaultOutcome {

    /** {@code "ok"}, {@code "ok: started app-instance-3"} or {@code "failed: <the exception>"}. */
    String describe();

    /** Applied; nothing more to say. */
    record Done() implements FaultOutcome {
        @Override
        public String describe() {
            return "ok";
        }
    }

    /** Applied by starting these app instances (a scale-out); they may still be starting. */
    record Started(List<String> instances) implements FaultOutcome {
        public Started {
            instances = List.copyOf(instances);
        }

        @Override
        public String describe() {
            return "ok: started " + String.join(", ", instances);
        }
    }

    /** Not applied; the run goes on. */
    record Failed(String reason) implements FaultOutcome {
        @Override
        public String describe() {
            return "failed: " + reason;
        }
    }
}
