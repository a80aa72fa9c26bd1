package io.streamsim.simulator.oracle;

import io.streamsim.model.oracle.DedupModel;
import io.streamsim.model.oracle.RepartitionReplay;

/** What the oracle found about the dedup and groupBy steps of a run, as they go into {@code summary.json}. */
public final class StepFigures {

    private StepFigures() {
    }

    /**
     * The groupBy step's repartition topic, checked against the input (stage a), replayed in its real order
     * through the window model (stage b: the verdict), and the late drops that order caused (stage c).
     *
     * @param topic                     the repartition topic
     * @param recordsRead               committed records read from it (events and watermarks, extra copies
     *                                  included)
     * @param bytesRead                 their key and value bytes (read back, so headers and batch overhead excluded)
     * @param recordsExpected           records it must hold by the input alone: every event that passes dedup
     *                                  once, and one watermark per input partition in every partition
     * @param recordsMissing            expected records not on it (lost before the window step)
     * @param extraCopies               records on it beyond their expected copies (at_least_once replay): skipped
     *                                  by the oracle, so a window that counted one shows it as counted twice
     * @param droppedLate               (event, window) pairs late under the topic's real order
     * @param droppedLateUnderAnyOrder  of those, late under any interleaving of the upstream tasks; -1 (and -1 for
     *                                  the next) when not computed: sliding and session windows
     * @param droppedLateByInterleaving the rest: late only because of the order timing gave the upstream tasks'
     *                                  records (not an error; another run may differ)
     */
    public record Repartition(String topic, long recordsRead, long bytesRead, long recordsExpected,
                              long recordsMissing, long extraCopies, long droppedLate, long droppedLateUnderAnyOrder,
                              long droppedLateByInterleaving) {

        static Repartition of(String topic, RepartitionReplay replay) {
            long droppedLate = replay.result().droppedLate();
            return new Repartition(topic, replay.recordsRead(), replay.bytesRead(), replay.recordsExpected(),
                    replay.recordsMissing(), replay.extraCopies(), droppedLate, replay.droppedLateUnderAnyOrder(),
                    replay.droppedLateByInterleaving());
        }

        /**
         * Every expected record reached the topic. (Extra copies are judged by their effect: a window that
         * counted one is wrong in the verdict.)
         */
        public boolean nothingLost() {
            return recordsMissing == 0;
        }
    }

    /**
     * The dedup step, by the oracle (the app's own count is its {@code streamsim.streams.records.dropped
     * {reason=duplicate}} meter, per instance).
     *
     * @param droppedExpected      events the step must drop: a copy of an id kept within {@code within} of stream
     *                             time in the same partition
     * @param keptAgainAfterWithin copies the step must let through: their id was last kept more than
     *                             {@code within} of stream time before, so both copies count downstream
     */
    public record Dedup(long droppedExpected, long keptAgainAfterWithin) {

        static Dedup of(DedupModel model) {
            return new Dedup(model.dropped(), model.keptAgainAfterWithin());
        }
    }
}
