package io.streamsim.streams;

import io.streamsim.model.Event;
import io.streamsim.model.scenario.DedupStep;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;

/** The dedup step: not built yet. */
final class DedupStepBuilder {

    private DedupStepBuilder() {
    }

    static KStream<String, Event> apply(StreamsBuilder builder, KStream<String, Event> events, DedupStep step,
                                        StepContext context) {
        throw new UnsupportedOperationException("dedup is not built yet");
    }
}
