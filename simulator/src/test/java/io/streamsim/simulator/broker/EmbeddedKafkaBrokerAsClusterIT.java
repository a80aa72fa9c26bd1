package io.streamsim.simulator.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EmbeddedKafkaBrokerAsClusterIT {

    @Test
    void brokerFaults_onTheSingleEmbeddedNode_areRefusedWithAReasonAndLeaveItRunning() throws Exception {
        KafkaCluster cluster = EmbeddedKafkaBroker.start();
        try {
            assertThat(cluster.size()).isEqualTo(1);
            assertThat(cluster.nodeNames()).containsExactly("broker-1");

            assertThatThrownBy(() -> cluster.kill(1)).isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("cannot kill broker-1")
                    .hasMessageContaining("broker faults need a replicated cluster");
            assertThatThrownBy(() -> cluster.stop(1)).isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("broker faults need a replicated cluster");
            assertThatThrownBy(() -> cluster.restart(1)).isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("broker faults need a replicated cluster");
            assertThatThrownBy(() -> cluster.kill(2)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("no node 2");

            assertThat(cluster.isUp(1)).isTrue();
        } finally {
            cluster.close();
        }
        assertThat(cluster.isUp(1)).isFalse();
    }
}
