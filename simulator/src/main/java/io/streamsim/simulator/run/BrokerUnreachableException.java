package io.streamsim.simulator.run;

/** The Kafka cluster named by {@code --bootstrap-servers} did not answer in time. */
public final class BrokerUnreachableException extends RuntimeException {

    public BrokerUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
