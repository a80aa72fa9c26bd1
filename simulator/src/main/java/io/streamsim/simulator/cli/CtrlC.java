package io.streamsim.simulator.cli;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) caught while open, so that a sweep can be asked twice: the first press lets the current run
 * finish, the second stops it now (see {@link io.streamsim.simulator.sweep.Sweep#interrupt()}). After the second
 * press the JVM's own handler is back, so a third press exits through the shutdown hook of {@link StopOnShutdown}
 * (which still waits for the sweep folder). Closing restores the handler that was there before.
 *
 * <p>Why {@code sun.misc.Signal} (module jdk.unsupported) and not a shutdown hook: once a shutdown hook runs, the
 * JVM is already exiting; the hook may delay the exit but the program cannot carry on with its run, and a second
 * SIGINT during shutdown reaches no code at all. Only a signal handler can tell the first press from the second and
 * let the sweep keep working after the first. Where the JVM does not allow it (started with -Xrs) {@link #installed()}
 * is false and Ctrl-C works as in {@code streamsim run}; where SIGINT is ignored (a background job) there is no
 * Ctrl-C to catch and it is false too.
 */
final class CtrlC implements AutoCloseable {

    private static final Signal INT = new Signal("INT");

    /** What one press does (its result, e.g. the sweep's stop stage, is not used here). */
    interface Press {
        Object press();
    }

    private final SignalHandler previous;
    private volatile boolean restored;

    private CtrlC(SignalHandler previous) {
        this.previous = previous;
    }

    /** Catches SIGINT: each press calls {@code onPress}; the second press gives SIGINT back to the JVM. */
    static CtrlC install(Press onPress) {
        CtrlC[] self = new CtrlC[1];
        int[] presses = new int[1];
        try {
            SignalHandler previous = Signal.handle(INT, signal -> {
                onPress.press();
                synchronized (presses) {
                    presses[0]++;
                    if (presses[0] >= 2 && self[0] != null) {
                        self[0].close();
                    }
                }
            });
            if (previous == SignalHandler.SIG_IGN) {
                // SIGINT is ignored (a background job): the JVM installed nothing, and no Ctrl-C will come.
                Signal.handle(INT, SignalHandler.SIG_IGN);
                return new CtrlC(null);
            }
            self[0] = new CtrlC(previous);
            return self[0];
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            return new CtrlC(null);
        }
    }

    /** Whether SIGINT is caught (false where the JVM does not allow it). */
    boolean installed() {
        return previous != null;
    }

    @Override
    public synchronized void close() {
        if (previous != null && !restored) {
            restored = true;
            Signal.handle(INT, previous);
        }
    }
}
