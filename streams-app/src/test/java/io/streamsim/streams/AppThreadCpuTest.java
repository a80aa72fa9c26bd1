package io.streamsim.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsim.streams.AppThreadCpu.LiveThread;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class AppThreadCpuTest {

    private static final String CLIENT = "streamsim-app-app-instance-1";

    /** The JVM's thread list, as the test sets it before each sample. */
    private final List<LiveThread> live = new ArrayList<>();
    private final AppThreadCpu cpu = new AppThreadCpu(CLIENT, () -> List.copyOf(live));

    @Test
    void total_anEarlierLifesThreadStillAlive_isNotCountedAgain() {
        List<LiveThread> jvm = new ArrayList<>(List.of(new LiveThread(7, CLIENT + "-StreamThread-1", 900_000_000)));
        AppThreadCpu secondLife = new AppThreadCpu(CLIENT, () -> List.copyOf(jvm));
        jvm.add(new LiveThread(8, CLIENT + "-StreamThread-1", 200_000_000));
        secondLife.sample();

        assertThat(secondLife.total()).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void total_threadEndsBetweenSamples_keepsItsLastValue() {
        live.add(new LiveThread(1, CLIENT + "-StreamThread-1", 300_000_000));
        live.add(new LiveThread(2, CLIENT + "-StreamThread-2", 100_000_000));
        cpu.sample();
        live.set(0, new LiveThread(1, CLIENT + "-StreamThread-1", 500_000_000));
        live.remove(1); // thread 2 ended
        cpu.sample();

        assertThat(cpu.total()).isEqualTo(Duration.ofMillis(600));
        assertThat(cpu.threadsSeen()).isEqualTo(2);
    }

    @Test
    void total_threadsOfAnotherClientOrOfTheJvm_areNotCounted() {
        live.add(new LiveThread(1, CLIENT + "-StreamThread-1", 200_000_000));
        live.add(new LiveThread(2, "kafka-producer-network-thread | " + CLIENT + "-StreamThread-1-producer",
                50_000_000));
        live.add(new LiveThread(3, "streamsim-app-app-instance-10-StreamThread-1", 900_000_000));
        live.add(new LiveThread(4,
                "kafka-producer-network-thread | streamsim-app-app-instance-10-StreamThread-1-producer", 900_000_000));
        live.add(new LiveThread(5, "kafka-coordinator-heartbeat-thread | streamsim-app", 900_000_000));
        live.add(new LiveThread(6, "streamsim-metrics-app-instance-1", 900_000_000));
        live.add(new LiveThread(7, "data-plane-kafka-request-handler-0", 900_000_000));
        cpu.sample();

        assertThat(cpu.total()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void total_globalThreadAndStateUpdater_areCounted() {
        live.add(new LiveThread(1, CLIENT + "-GlobalStreamThread", 20_000_000));
        live.add(new LiveThread(2, CLIENT + "-StateUpdater-1", 30_000_000));
        live.add(new LiveThread(3, "kafka-admin-client-thread | " + CLIENT + "-admin", 5_000_000));
        cpu.sample();

        assertThat(cpu.total()).isEqualTo(Duration.ofMillis(55));
    }

    @Test
    void sample_threadEndedWhileListed_keepsTheValueBefore() {
        live.add(new LiveThread(1, CLIENT + "-StreamThread-1", 70_000_000));
        cpu.sample();
        live.set(0, new LiveThread(1, CLIENT + "-StreamThread-1", -1)); // the JVM's answer for a thread just ended
        cpu.sample();

        assertThat(cpu.total()).isEqualTo(Duration.ofMillis(70));
    }

    @Test
    void total_beforeAnySample_isZero() {
        live.add(new LiveThread(1, CLIENT + "-StreamThread-1", 70_000_000));

        assertThat(cpu.total()).isZero();
    }

    @Test
    void ofClient_thisJvm_countsOnlyTheThreadNamedAfterTheClient() throws InterruptedException {
        AppThreadCpu real = AppThreadCpu.ofClient("cpu-test-client").orElseThrow();
        CountDownLatch release = new CountDownLatch(1);
        Runnable waitForRelease = () -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        Thread counted = new Thread(waitForRelease, "cpu-test-client-StreamThread-1");
        Thread notCounted = new Thread(waitForRelease, "cpu-test-client2-StreamThread-1");
        counted.start();
        notCounted.start();
        try {
            real.sample();

            assertThat(real.threadsSeen()).isEqualTo(1);
        } finally {
            release.countDown();
            counted.join();
            notCounted.join();
        }
    }
}
