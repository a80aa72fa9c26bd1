package io.streamsim.streams;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes input records that do not decode to the dead-letter topic named by
 * {@value StreamsConfig#ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG} and lets processing go on (KIP-1034); without
 * that setting it skips them. Either way it counts them in {@link AppMeters}, which it finds under
 * {@link #METERS_CONFIG}.
 *
 * <p>The dead-letter record keeps the raw key, value and headers of the input record and adds Kafka's own
 * error headers ({@code __streams.errors.exception}, {@code .message}, {@code .topic}, {@code .partition},
 * {@code .offset}); its timestamp is the time it is written, so time retention on the dead-letter topic counts
 * from then. Kafka Streams sends it with the task's record collector, the producer of the task's output: under
 * exactly_once_v2 it is part of the same transaction as the input offsets, so a crash never leaves a
 * dead-letter record for an input that will be read again, nor the other way round.
 */
public final class DeadLetterHandler implements DeserializationExceptionHandler {

    /** The config key under which {@link #configure(Properties, String, AppMeters)} passes the meters. */
    public static final String METERS_CONFIG = "streamsim.app.meters";

    /** Header names as Kafka's own dead-letter records use them (KIP-1034). */
    public static final String HEADER_EXCEPTION = "__streams.errors.exception";
    public static final String HEADER_MESSAGE = "__streams.errors.message";
    public static final String HEADER_TOPIC = "__streams.errors.topic";
    public static final String HEADER_PARTITION = "__streams.errors.partition";
    public static final String HEADER_OFFSET = "__streams.errors.offset";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterHandler.class);

    private final AtomicBoolean warned = new AtomicBoolean();
    private String deadLetterTopic;
    private AppMeters meters;

    /** Sets this handler, the dead-letter topic (null: none) and the meters it counts in on {@code props}. */
    public static Properties configure(Properties props, String deadLetterTopic, AppMeters meters) {
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class.getName());
        if (deadLetterTopic != null) {
            props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, deadLetterTopic);
        }
        if (meters != null) {
            props.put(METERS_CONFIG, meters);
        }
        return props;
    }

    @Override
    public void configure(Map<String, ?> configs) {
        Object topic = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        deadLetterTopic = topic == null || topic.toString().isBlank() ? null : topic.toString();
        Object m = configs.get(METERS_CONFIG);
        meters = m instanceof AppMeters a ? a : null;
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
                                Exception exception) {
        // One WARN per instance: a poison burst would otherwise write one line per record; the meters count them.
        if (warned.compareAndSet(false, true)) {
            LOG.warn("Undecodable record at {}-{}@{} {} (further ones are logged at DEBUG): {}", record.topic(),
                    record.partition(), record.offset(),
                    deadLetterTopic == null ? "skipped" : "sent to " + deadLetterTopic, exception.toString());
        } else {
            LOG.debug("Undecodable record at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    exception.toString());
        }
        if (deadLetterTopic == null) {
            if (meters != null) {
                meters.recordDroppedUndecodable();
            }
            return Response.resume();
        }
        if (meters != null) {
            meters.recordDeadLettered();
        }
        return Response.resume(List.of(deadLetterRecord(deadLetterTopic, context, record, exception)));
    }

    static ProducerRecord<byte[], byte[]> deadLetterRecord(String topic, ErrorHandlerContext context,
                                                           ConsumerRecord<byte[], byte[]> record,
                                                           Exception exception) {
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.add(HEADER_EXCEPTION, utf8(exception.getClass().getName()));
        headers.add(HEADER_MESSAGE, utf8(String.valueOf(exception.getMessage())));
        headers.add(HEADER_TOPIC, utf8(context.topic()));
        headers.add(HEADER_PARTITION, utf8(Integer.toString(context.partition())));
        headers.add(HEADER_OFFSET, utf8(Long.toString(context.offset())));
        return new ProducerRecord<>(topic, null, null, record.key(), record.value(), headers);
    }

    private static byte[] utf8(String s) {
        return (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
    }
}
