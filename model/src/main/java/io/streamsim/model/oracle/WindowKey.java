package io.streamsim.model.oracle;

import java.util.Comparator;
import java.util.Objects;

/**
 * One window of one key: what the output topic holds one (latest) result for. Ordered by window start,
 * then key, so that lists of windows read in event-time order.
 */
public record WindowKey(String key, long windowStartMs) implements Comparable<WindowKey> {

    private static final Comparator<WindowKey> ORDER =
            Comparator.comparingLong(WindowKey::windowStartMs).thenComparing(WindowKey::key);

    public WindowKey {
        Objects.requireNonNull(key, "key");
    }

    @Override
    public int compareTo(WindowKey other) {
        return ORDER.compare(this, other);
    }
}
