package io.streamsim.bench.pipeline;

import io.streamsim.model.Headers;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Gives ProducerPerformance's records what streamsim's generator's records carry: the event's page as the key
 * (so the default partitioner spreads them by key, as the generator's are, and the app needs no repartition) and
 * the 8-byte {@code emitted-at} header (send time). ProducerPerformance sends values only; installed with
 * {@code interceptor.classes}, this runs on its thread, in {@code send()}: a scan for {@code "page":"} and two small
 * copies per record, charged to the baseline.
 */
public final class KeyFromEventInterceptor implements ProducerInterceptor<byte[], byte[]> {

    private static final byte[] PAGE = "\"page\":\"".getBytes(StandardCharsets.UTF_8);

    @Override
    public ProducerRecord<byte[], byte[]> onSend(ProducerRecord<byte[], byte[]> record) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(Headers.EMITTED_AT, Headers.encodeEpochMillis(System.currentTimeMillis()));
        return new ProducerRecord<>(record.topic(), record.partition(), record.timestamp(), key(record.value()),
                record.value(), headers);
    }

    /** The bytes of the {@code page} field's value; null when the value has none. */
    static byte[] key(byte[] value) {
        int at = indexOf(value, PAGE);
        if (at < 0) {
            return null;
        }
        int start = at + PAGE.length;
        int end = start;
        while (end < value.length && value[end] != '"') {
            end++;
        }
        return Arrays.copyOfRange(value, start, end);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
    }

    @Override
    public void close() {
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }
}
