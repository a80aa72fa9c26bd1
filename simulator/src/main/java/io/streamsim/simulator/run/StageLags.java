package io.streamsim.simulator.run;

import io.micrometer.core.instrument.MeterRegistry;
import io.streamsim.model.oracle.GroupByModel;
import io.streamsim.model.scenario.GroupByStep;
import io.streamsim.streams.LagMonitor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's committed-offset lag on a groupBy's repartition topics, sampled with the run's other figures: the
 * largest on any one partition per stage. A repartition topic exists only once the app has started, so early
 * samples find nothing. At the end, {@link #figures} reads each topic's records per partition
 * ({@link RepartitionTopicRead}) to make the {@link StageSkewFigures}.
 */
final class StageLags implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StageLags.class);

    private final GroupByStep groupBy;
    private final List<String> topics = new ArrayList<>();
    private final List<LagMonitor> monitors = new ArrayList<>();
    private final Map<String, long[]> maxLag = new HashMap<>();
    private final Map<String, Double> maxLagAt = new HashMap<>();

    StageLags(Admin admin, String applicationId, GroupByStep groupBy, MeterRegistry registry) {
        this.groupBy = groupBy;
        topics.add(GroupByModel.repartitionTopic(applicationId, groupBy));
        if (groupBy.salted()) {
            topics.add(GroupByModel.unsaltedRepartitionTopic(applicationId, groupBy));
        }
        for (String topic : topics) {
            monitors.add(new LagMonitor(admin, applicationId, topic, registry));
            maxLag.put(topic, new long[] {0, -1});
        }
    }

    /** One sample of every stage's lag, {@code elapsedSeconds} into the load; a failed read is skipped. */
    void sample(double elapsedSeconds) {
        for (int i = 0; i < topics.size(); i++) {
            String topic = topics.get(i);
            try {
                for (Map.Entry<TopicPartition, Long> e : monitors.get(i).read().lag().entrySet()) {
                    long[] max = maxLag.get(topic);
                    if (e.getValue() > max[0]) {
                        max[0] = e.getValue();
                        max[1] = e.getKey().partition();
                        maxLagAt.put(topic, elapsedSeconds);
                    }
                }
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                    return;
                }
                LOG.debug("Lag of {} unavailable this second: {}", topic, e.toString());
            }
        }
    }

    /** Each stage's records per partition, read from its topic now, with the lag sampled so far. */
    StageSkewFigures figures(Map<String, Object> clientConfig, int partitions, Duration timeout) {
        List<StageSkewFigures.Stage> stages = new ArrayList<>();
        for (int i = 0; i < topics.size(); i++) {
            String topic = topics.get(i);
            RepartitionTopicRead read = RepartitionTopicRead.read(clientConfig, topic, partitions, timeout);
            if (!read.complete()) {
                LOG.warn("{} not read to its end within {}s: its stage figures count what was read", topic,
                        timeout.toSeconds());
            }
            long[] max = maxLag.get(topic);
            stages.add(new StageSkewFigures.Stage("stage " + (i + 1), topic, read.partitionRecords(),
                    read.records(), read.bytes(), read.maxPartitionShare(), read.hottestPartition(), max[0],
                    (int) max[1], maxLagAt.getOrDefault(topic, 0.0)));
        }
        return new StageSkewFigures(groupBy.salt(), stages);
    }

    @Override
    public void close() {
        for (LagMonitor monitor : monitors) {
            try {
                monitor.close();
            } catch (Exception e) {
                LOG.debug("Closing a stage lag monitor: {}", e.toString());
            }
        }
    }
}
