package io.streamsim.simulator.cli;

/** What {@code streamsim} exits with. */
public final class ExitCodes {

    /** Done, and every check that applies held. */
    public static final int OK = 0;
    /** The run broke (a component failed, or the pipeline did not drain in time). */
    public static final int RUN_FAILED = 1;
    /** A scenario file or an option is wrong; the message says where and what. */
    public static final int BAD_INPUT = 2;
    /** The Kafka cluster given with --bootstrap-servers did not answer within the connect timeout. */
    public static final int BROKER_UNREACHABLE = 3;
    /**
     * The run completed but an expectation of the scenario's {@code expect:} failed; or, for a scenario without
     * expectations, a built-in check failed: records on the input topic differ from records acknowledged, or,
     * under exactly_once_v2, the oracle found a window result that is not exactly right.
     */
    public static final int CHECK_FAILED = 4;
    /** Stopped by Ctrl-C; the run folder holds what was measured until then. */
    public static final int INTERRUPTED = 130;

    private ExitCodes() {
    }
}
