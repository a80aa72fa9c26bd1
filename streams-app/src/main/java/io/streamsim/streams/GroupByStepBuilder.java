package io.streamsim.streams;

import io.streamsim.model.Event;
import io.streamsim.model.scenario.GroupByStep;
import org.apache.kafka.streams.kstream.KStream;

/** The groupBy step: not built yet. */
final class GroupByStepBuilder {

    private GroupByStepBuilder() {
    }

    static KStream<String, Event> apply(KStream<String, Event> events, GroupByStep step, StepContext context) {
        throw new UnsupportedOperationException("groupBy is not built yet");
    }
}
