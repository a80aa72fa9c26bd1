package io.streamsim.simulator.cli;

import java.time.Duration;

/**
 * Ctrl-C for a long command: while open, a JVM shutdown hook asks the work to stop and waits for it to finish
 * (so that a partial report is still written) for at most {@code wait}. Closing removes the hook.
 */
final class StopOnShutdown implements AutoCloseable {

    /** Waits for the stopped work to finish: {@code ScenarioRun::awaitFinished}, {@code Sweep::awaitFinished}. */
    interface Await {
        boolean awaitFinished(Duration timeout) throws InterruptedException;
    }

    private final Thread hook;

    private StopOnShutdown(Thread hook) {
        this.hook = hook;
    }

    static StopOnShutdown install(String threadName, Runnable requestStop, Await await, Duration wait) {
        Thread hook = new Thread(() -> {
            requestStop.run();
            try {
                await.awaitFinished(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, threadName);
        Runtime.getRuntime().addShutdownHook(hook);
        return new StopOnShutdown(hook);
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is already stopping (Ctrl-C): the hook is running and waits for us.
        }
    }
}
