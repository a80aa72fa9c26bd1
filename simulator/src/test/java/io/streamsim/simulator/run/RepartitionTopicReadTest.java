package io.streamsim.simulator.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RepartitionTopicReadTest {

    @Test
    void maxPartitionShare_hotPartition_isItsShareOfAllRecords() {
        RepartitionTopicRead read = new RepartitionTopicRead(List.of(10L, 60L, 30L), 100, 5_000, true);

        assertThat(read.hottestPartition()).isEqualTo(1);
        assertThat(read.maxPartitionShare()).isEqualTo(0.6);
    }

    @Test
    void maxPartitionShare_emptyTopic_isZeroWithNoPartition() {
        RepartitionTopicRead read = new RepartitionTopicRead(List.of(0L, 0L), 0, 0, true);

        assertThat(read.hottestPartition()).isEqualTo(-1);
        assertThat(read.maxPartitionShare()).isZero();
    }
}
