package io.streamsim.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ThreadRolesTest {

    @Test
    void ofJavaThread_kafkaAndStreamsimNames_getTheirRoles() {
        assertThat(ThreadRoles.ofJavaThread("data-plane-kafka-request-handler-0")).isEqualTo(ThreadRoles.BROKER);
        assertThat(ThreadRoles.ofJavaThread("kafka-raft-io-thread")).isEqualTo(ThreadRoles.BROKER);
        assertThat(ThreadRoles.ofJavaThread("PersisterStateManager")).isEqualTo(ThreadRoles.BROKER);
        assertThat(ThreadRoles.ofJavaThread("HTTP-Dispatcher")).isEqualTo(ThreadRoles.MONITORING);
        assertThat(ThreadRoles.ofJavaThread("bench-baseline-3-0-StreamThread-1")).isEqualTo(ThreadRoles.APP);
        assertThat(ThreadRoles.ofJavaThread(
                "kafka-producer-network-thread | bench-baseline-3-0-StreamThread-1-producer")).isEqualTo(ThreadRoles.APP);
        assertThat(ThreadRoles.ofJavaThread("kafka-producer-network-thread | bench-baseline-producer"))
                .isEqualTo(ThreadRoles.PRODUCER);
        assertThat(ThreadRoles.ofJavaThread("streamsim-producer-x-0")).isEqualTo(ThreadRoles.PRODUCER);
        assertThat(ThreadRoles.ofJavaThread("streamsim-output-tracker")).isEqualTo(ThreadRoles.MONITORING);
        assertThat(ThreadRoles.ofJavaThread(ProcessSampler.THREAD)).isEqualTo(ThreadRoles.SAMPLER);
        assertThat(ThreadRoles.ofJavaThread("Reference Handler")).isEqualTo(ThreadRoles.GC);
        assertThat(ThreadRoles.ofJavaThread("something-else")).isEqualTo(ThreadRoles.OTHER);
    }

    @Test
    void ofNativeThread_compilerAndGcComms_areJitAndGc_othersAreLeftToTheirJavaName() {
        assertThat(ThreadRoles.ofNativeThread("C2 CompilerThre")).isEqualTo(ThreadRoles.JIT);
        assertThat(ThreadRoles.ofNativeThread("GC Thread#1")).isEqualTo(ThreadRoles.GC);
        assertThat(ThreadRoles.ofNativeThread("G1 Conc#0")).isEqualTo(ThreadRoles.GC);
        assertThat(ThreadRoles.ofNativeThread("data-plane-kafk")).isNull();
    }

    @Test
    void procParsers_readTicksRssAndMachineLine() {
        assertThat(ProcessSampler.cpuTicksOf("123 (C2 CompilerThre) S 1 2 3 4 5 6 7 8 9 10 250 30 0 0 20 0"))
                .isEqualTo(280);
        assertThat(ProcessSampler.rssBytesOf("Name:\tjava\nVmRSS:\t  2048 kB\n")).isEqualTo(2048L * 1024);
        assertThat(ProcessSampler.machineTicksOf("cpu  100 5 50 800 20 3 2 0 0 0\ncpu0 1 2 3\n"))
                .containsExactly(160, 980);
    }
}
