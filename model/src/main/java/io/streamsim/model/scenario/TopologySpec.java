package io.streamsim.model.scenario;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The streams app's topology: what it computes, as a list of {@link Step}s, and how Kafka Streams executes it.
 *
 * @param steps          in the order they run: at most one {@link DedupStep}, then at most one
 *                       {@link EnrichStep}, then at most one {@link GroupByStep}, then the one {@link WindowStep},
 *                       which ends the list
 * @param commitInterval Kafka Streams' {@code commit.interval.ms}; the default is 100ms under exactly_once_v2
 *                       (Kafka's own) and 1s under at_least_once (Kafka's 30s would make committed-offset lag,
 *                       and replay after a crash, look far worse than the pipeline is)
 */
public record TopologySpec(
        List<Step> steps,
        ProcessingGuarantee guarantee,
        Duration commitInterval,
        Long stateStoreCacheBytes) {

    /** The {@code grace} when a file leaves it out: a record after its window's end is late. */
    public static final Duration DEFAULT_GRACE = Duration.ZERO;
    /** The {@code emit} when a file leaves it out. */
    public static final EmitMode DEFAULT_EMIT = EmitMode.FINAL;
    /** The {@code guarantee} when a file leaves it out: the one under which the oracle's verdict is exact. */
    public static final ProcessingGuarantee DEFAULT_GUARANTEE = ProcessingGuarantee.EXACTLY_ONCE_V2;

    /** The {@code commitInterval} when a file leaves it out; see the record's doc for why. */
    public static Duration defaultCommitInterval(ProcessingGuarantee guarantee) {
        return guarantee == ProcessingGuarantee.EXACTLY_ONCE_V2 ? Duration.ofMillis(100) : Duration.ofSeconds(1);
    }

    public TopologySpec {
        Checks.at("")
                .that(steps != null && !steps.isEmpty(), "steps", "needs a window step")
                .notNull("guarantee", guarantee)
                .notNull("commitInterval", commitInterval)
                .done();
        steps = List.copyOf(steps);
        Checks checks = Checks.at("").positive("commitInterval", commitInterval)
                .that(stateStoreCacheBytes == null || stateStoreCacheBytes >= 0, "stateStoreCacheBytes",
                        "must be >= 0, was " + stateStoreCacheBytes);
        orderProblems(steps, checks);
        checks.done();
    }

    /**
     * Reports a list whose steps are out of order, repeated, or not ended by a window step, at the first
     * offending step ({@code steps[i]}).
     */
    static void orderProblems(List<Step> steps, Checks checks) {
        int previousRank = -1;
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            if (step.rank() <= previousRank) {
                checks.that(false, "steps[" + i + "]", step.kind() + " cannot come after " + steps.get(i - 1).kind()
                        + ": steps run in the order dedup, enrich, groupBy, window, each at most once");
                return;
            }
            previousRank = step.rank();
        }
        checks.that(steps.get(steps.size() - 1) instanceof WindowStep, "steps",
                "must end with a window step: the app aggregates per window");
        Step last = steps.get(steps.size() - 1);
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i) instanceof GroupByStep g && g.salted() && last instanceof WindowStep w
                    && !(w.window() instanceof WindowSpec.Aligned)) {
                checks.that(false, "steps[" + i + "].groupBy.salt", "salting needs tumbling or hopping windows: a "
                        + w.window().describe() + " window of a salted sub-key has its own bounds, which cannot be"
                        + " recombined into the unsalted key's");
            }
        }
    }

    /** The flat form: one window step keyed by the event key, with Kafka's default state store cache. */
    public TopologySpec(WindowSpec window, Duration grace, EmitMode emit, ProcessingGuarantee guarantee,
                        Duration commitInterval) {
        this(window, grace, emit, guarantee, commitInterval, null);
    }

    /** The flat form: one window step keyed by the event key. */
    public TopologySpec(WindowSpec window, Duration grace, EmitMode emit, ProcessingGuarantee guarantee,
                        Duration commitInterval, Long stateStoreCacheBytes) {
        this(List.of(new WindowStep(window, grace, emit)), guarantee, commitInterval, stateStoreCacheBytes);
    }

    /** The step that ends the list. */
    public WindowStep windowStep() {
        return (WindowStep) steps.get(steps.size() - 1);
    }

    public WindowSpec window() {
        return windowStep().window();
    }

    public Duration grace() {
        return windowStep().grace();
    }

    public EmitMode emit() {
        return windowStep().emit();
    }

    public Optional<DedupStep> dedup() {
        return step(DedupStep.class);
    }

    public Optional<EnrichStep> enrich() {
        return step(EnrichStep.class);
    }

    public Optional<GroupByStep> groupBy() {
        return step(GroupByStep.class);
    }

    /** The same topology with other steps (a sweep or a test varies them), executed the same way. */
    public TopologySpec withSteps(List<Step> otherSteps) {
        return new TopologySpec(otherSteps, guarantee, commitInterval, stateStoreCacheBytes);
    }

    private <S extends Step> Optional<S> step(Class<S> type) {
        return steps.stream().filter(type::isInstance).map(type::cast).findFirst();
    }
}
