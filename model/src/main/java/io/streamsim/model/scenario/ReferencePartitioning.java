package io.streamsim.model.scenario;

import java.util.List;
import java.util.Optional;

/**
 * Whether the reference topic's partition count ({@code reference.partitions}) suits the scenario's enrich step.
 *
 * <p>A shuffle join (a KTable) needs the reference topic co-partitioned with the input topic: Kafka puts the two
 * source topics of a stream-table join in one co-partition group and, when neither is a repartition topic, refuses
 * to assign tasks unless both have the same partition count ({@code CopartitionedTopicsEnforcer}: "Topics not
 * co-partitioned"), so the app would fail at start. Had the stream been re-keyed before the join, Kafka would have
 * put a repartition topic in the group instead and sized it to the table's count, and any count would do; that
 * cannot arise here: steps run in the order dedup, enrich, groupBy, window (nothing re-keys before enrich), and every
 * event type's key is its table's key (an order's seller, a click's page), so the join reads the input as it is.
 *
 * <p>A broadcast join (a GlobalKTable) needs no co-partitioning: every instance's global thread reads every
 * partition of the reference topic, whatever their number, and looks rows up by key.
 */
public final class ReferencePartitioning {

    private ReferencePartitioning() {
    }

    /** Reports {@code reference.partitions} when a shuffle join's reference topic would differ from the input's. */
    static void check(TopologySpec topology, TopicsSpec topics, ReferenceSpec reference, Checks checks) {
        Optional<Integer> enrichIndex = enrichIndex(topology);
        if (reference.partitions().isEmpty() || enrichIndex.isEmpty()) {
            return;
        }
        EnrichStep enrich = (EnrichStep) topology.steps().get(enrichIndex.get());
        int own = reference.partitions().getAsInt();
        checks.that(enrich.join() == EnrichStep.Join.BROADCAST || own == topics.partitions(), "reference.partitions",
                "is " + own + " but topics.partitions is " + topics.partitions()
                        + ": the shuffle join at topology.steps[" + enrichIndex.get() + "].enrich reads the input topic un-re-keyed beside a KTable over the"
                        + " reference topic, and Kafka refuses to start such a join unless both are co-partitioned"
                        + " (\"Topics not co-partitioned\"): make them equal, leave reference.partitions out (the"
                        + " input's count), or use join: broadcast, which reads every partition in every instance");
    }

    /**
     * One line on how the reference topic is partitioned for the scenario's join, e.g. "reference topic: 1
     * partition(s), input 4; broadcast join (GlobalKTable): every instance reads every partition, no co-partitioning
     * needed"; empty without a reference table.
     */
    public static Optional<String> describe(Scenario scenario) {
        ReferenceSpec reference = scenario.reference();
        if (!reference.table()) {
            return Optional.empty();
        }
        int own = reference.partitions(scenario.topics());
        String head = "reference topic: " + own + " partition(s), input " + scenario.topics().partitions() + "; ";
        Optional<EnrichStep> enrich = scenario.topology().enrich();
        if (enrich.isEmpty()) {
            return Optional.of(head + "no enrich step reads it");
        }
        return Optional.of(head + (enrich.get().join() == EnrichStep.Join.BROADCAST
                ? "broadcast join (GlobalKTable): every instance reads every partition, no co-partitioning needed"
                : "shuffle join (KTable): co-partitioned with the input, task i joins partition i of both"));
    }

    private static Optional<Integer> enrichIndex(TopologySpec topology) {
        List<Step> steps = topology.steps();
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i) instanceof EnrichStep) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }
}
