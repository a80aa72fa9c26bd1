package io.streamsim.model;

import java.nio.charset.StandardCharsets;

/**
 * What a poison record looks like: bytes that are not an event ({@link EventCodec#decode} rejects them),
 * numbered so that every poison record of a run is distinct and can be found again in the dead-letter topic.
 */
public final class PoisonRecords {

    private PoisonRecords() {
    }

    /** A truncated JSON object with a control byte in it. */
    public static byte[] value(long number) {
        return ("{\"type\":\"click\",\u0001poison " + number).getBytes(StandardCharsets.UTF_8);
    }

    /** The record key: {@code poison-<number>}. */
    public static byte[] key(long number) {
        return ("poison-" + number).getBytes(StandardCharsets.UTF_8);
    }
}
