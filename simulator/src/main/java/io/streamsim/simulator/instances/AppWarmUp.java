package io.streamsim.simulator.instances;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamsim.model.scenario.EmitMode;
import io.streamsim.model.scenario.ProcessingGuarantee;
import io.streamsim.model.scenario.TopologySpec;
import io.streamsim.model.scenario.WindowSpec;
import java.time.Duration;
import io.streamsim.streams.AppMeters;
import io.streamsim.streams.WindowedAggregation;
import org.rocksdb.RocksDB;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads what an in-process app instance needs before it is needed: RocksDB's native library (extracted from its
 * jar on first use) and the Kafka Streams DSL classes, on a background thread while the broker starts. Until then
 * a run's first instance paid for both between "broker up" and "instances running", on the path to the first
 * event; broker start-up leaves the second core partly idle, so this is overlap, not extra work.
 */
public final class AppWarmUp {

    private static final Logger LOG = LoggerFactory.getLogger(AppWarmUp.class);

    private AppWarmUp() {
    }

    /** Starts the warm-up on a daemon thread and returns at once; a failure is logged and changes nothing. */
    public static void startInBackground() {
        Thread t = new Thread(AppWarmUp::warmUp, "streamsim-app-warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    static void warmUp() {
        try {
            RocksDB.loadLibrary();
            TopologySpec spec = new TopologySpec(new WindowSpec.Tumbling(Duration.ofSeconds(10)),
                    Duration.ofSeconds(5), EmitMode.FINAL, ProcessingGuarantee.EXACTLY_ONCE_V2, Duration.ofMillis(100));
            WindowedAggregation.build(spec, "warm-up.events", "warm-up.windows",
                    new AppMeters(new SimpleMeterRegistry(), "warm-up"));
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("App warm-up failed (the first instance will load what it needs itself): {}", e.toString());
        }
    }
}
