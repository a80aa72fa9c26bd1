package io.streamsim.streams;

import io.streamsim.model.scenario.WindowSpec;
import java.time.Duration;
import org.apache.kafka.streams.kstream.KGroupedStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Windowed;

/** Session windows: not built yet. */
final class SessionWindowAggregate implements WindowAggregate {

    SessionWindowAggregate(WindowSpec.Session window, Duration grace) {
        throw new UnsupportedOperationException("session windows are not built yet");
    }

    @Override
    public int lateDrops(long timestampMs, long streamTimeMs) {
        throw new UnsupportedOperationException();
    }

    @Override
    public KTable<Windowed<String>, WindowAgg> aggregate(KGroupedStream<String, Contribution> grouped) {
        throw new UnsupportedOperationException();
    }
}
