package io.streamsim.simulator.run;

import io.streamsim.simulator.instances.AppInstances;
import io.streamsim.simulator.support.Directories;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.UnknownMemberIdException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A replay fault: the application reset the way Kafka's {@code kafka-streams-application-reset} tool does it, between
 * a stop and a start of the same app instances.
 * <ol>
 *   <li>every live instance is stopped gracefully (they leave the group), in parallel;</li>
 *   <li>members still in the group are removed (the tool's {@code --force});</li>
 *   <li>the group's committed offsets on the input topic are set to the topic's earliest offsets;</li>
 *   <li>the internal topics are deleted: {@code <application.id>-...-changelog} and {@code -repartition}, as the
 *       tool picks them; Kafka Streams creates them again on start;</li>
 *   <li>every instance's local state ({@code state.dir/<application.id>}) is wiped, as
 *       {@code KafkaStreams.cleanUp()} does, so nothing is restored;</li>
 *   <li>the instances stopped in step 1 are started again.</li>
 * </ol>
 * The app then processes the whole input again with fresh stream time, exactly as it first did (the same records in
 * the same partition order), so every window's latest result on the output is what an uninterrupted run gives: the
 * oracle's expectation. The output topic is left as it is (the tool does not touch it either); its earlier results
 * are superseded by the new ones.
 */
final class Replay {

    private static final Logger LOG = LoggerFactory.getLogger(Replay.class);
    private static final Duration GROUP_EMPTY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration TOPICS_GONE_TIMEOUT = Duration.ofSeconds(60);

    /**
     * What one replay did.
     *
     * @param restarted        the instances stopped and started again
     * @param partitionsReset  input partitions whose committed offset was set to the earliest
     * @param recordsToReplay  records on the input topic from the earliest offsets to the end at the reset
     * @param internalTopicsDeleted the changelog and repartition topics deleted
     * @param pauseSeconds     from the stop of the first instance to the start of the last
     */
    record Result(String fault, double atSeconds, List<String> restarted, int partitionsReset, long recordsToReplay,
                  List<String> internalTopicsDeleted, double pauseSeconds) {
    }

    private Replay() {
    }

    static Result run(AppInstances instances, Admin admin, String applicationId, String inputTopic, int partitions,
                      Path stateBaseDir, String fault, double atSeconds) throws Exception {
        long begin = System.nanoTime();
        List<String> stopped = stopLive(instances);
        removeRemainingMembers(admin, applicationId);
        Map<TopicPartition, Long> earliest = RunTopics.offsets(admin, inputTopic, partitions, OffsetSpec.earliest(),
                IsolationLevel.READ_UNCOMMITTED);
        Map<TopicPartition, Long> latest = RunTopics.offsets(admin, inputTopic, partitions, OffsetSpec.latest(),
                IsolationLevel.READ_UNCOMMITTED);
        resetOffsets(admin, applicationId, earliest);
        List<String> deleted = deleteInternalTopics(admin, applicationId);
        for (String name : instances.names()) {
            Directories.deleteRecursively(stateBaseDir.resolve(name).resolve(applicationId));
        }
        for (String name : stopped) {
            instances.restart(name);
        }
        long toReplay = 0;
        for (Map.Entry<TopicPartition, Long> e : latest.entrySet()) {
            toReplay += e.getValue() - earliest.getOrDefault(e.getKey(), 0L);
        }
        return new Result(fault, atSeconds, stopped, earliest.size(), toReplay, deleted,
                (System.nanoTime() - begin) / 1e9);
    }

    /** Stops every live instance, in parallel; returns their names in start order. */
    private static List<String> stopLive(AppInstances instances) throws InterruptedException {
        List<String> live = new ArrayList<>();
        for (String name : instances.names()) {
            if (instances.get(name).isAlive()) {
                live.add(name);
            }
        }
        List<Thread> stoppers = new ArrayList<>();
        for (String name : live) {
            Thread t = new Thread(() -> instances.stop(name), "replay-stop-" + name);
            t.setDaemon(true);
            t.start();
            stoppers.add(t);
        }
        for (Thread t : stoppers) {
            t.join(AppInstances.STOP_TIMEOUT.plusSeconds(5).toMillis());
        }
        return live;
    }

    private static void removeRemainingMembers(Admin admin, String groupId) throws Exception {
        ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(groupId)).describedGroups().get(groupId)
                .get();
        if (!group.members().isEmpty()) {
            LOG.info("replay: removing {} member(s) still in group {}", group.members().size(), groupId);
            admin.removeMembersFromConsumerGroup(groupId, new RemoveMembersFromConsumerGroupOptions()).all().get();
        }
    }

    /** Retries while the group still has members (a member leaving takes a moment to show). */
    private static void resetOffsets(Admin admin, String groupId, Map<TopicPartition, Long> earliest)
            throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        earliest.forEach((tp, offset) -> offsets.put(tp, new OffsetAndMetadata(offset)));
        long deadline = System.nanoTime() + GROUP_EMPTY_TIMEOUT.toNanos();
        while (true) {
            try {
                admin.alterConsumerGroupOffsets(groupId, offsets).all().get();
                return;
            } catch (ExecutionException e) {
                boolean notEmpty = e.getCause() instanceof GroupNotEmptyException
                        || e.getCause() instanceof UnknownMemberIdException;
                if (!notEmpty || System.nanoTime() > deadline) {
                    throw e;
                }
                removeRemainingMembers(admin, groupId);
                Thread.sleep(200);
            }
        }
    }

    /** The reset tool's rule: {@code <application.id>-} and {@code -changelog} or {@code -repartition}. */
    static boolean isInternalTopic(String topic, String applicationId) {
        return topic.startsWith(applicationId + "-")
                && (topic.endsWith("-changelog") || topic.endsWith("-repartition"));
    }

    private static List<String> deleteInternalTopics(Admin admin, String applicationId) throws Exception {
        List<String> internal = admin.listTopics().names().get().stream()
                .filter(t -> isInternalTopic(t, applicationId)).sorted().toList();
        if (internal.isEmpty()) {
            return internal;
        }
        admin.deleteTopics(internal).all().get();
        long deadline = System.nanoTime() + TOPICS_GONE_TIMEOUT.toNanos();
        while (true) {
            Set<String> names = admin.listTopics().names().get();
            if (internal.stream().noneMatch(names::contains)) {
                return internal;
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("internal topics still listed " + TOPICS_GONE_TIMEOUT.toSeconds()
                        + "s after their deletion: " + internal);
            }
            Thread.sleep(100);
        }
    }
}
