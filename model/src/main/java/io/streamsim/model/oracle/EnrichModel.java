package io.streamsim.model.oracle;

import io.streamsim.model.Enrichment;
import io.streamsim.model.Event;
import io.streamsim.model.ReferenceRow;
import io.streamsim.model.ReferenceSchema;
import io.streamsim.model.Watermark;
import io.streamsim.model.scenario.EnrichStep;
import io.streamsim.model.scenario.GroupByStep;
import java.util.Objects;
import java.util.Optional;

/**
 * The enrich step ({@code EnrichStepBuilder}) as the event-time truth: every event joined with its key's row as of
 * its own timestamp ({@link ReferenceHistory#asOf}), dropped ({@code onMissing: drop}) or kept with
 * {@link Enrichment#MISSING} when there is none; a {@link Watermark} passes.
 *
 * <p>A versioned join does exactly that when every table update was processed before the events it applies to
 * (pinned by the TopologyTestDriver, and by the steps property test, which pipes each update before them) and the
 * event is within the store's history. A live run cannot promise the first: the table's updates come from another
 * producer and reach the task's table partition a little before or after the events of the same moment (measured:
 * 29 and 202 of 60,000 orders in two runs of slowly-changing-sellers joined a version older than their own time's).
 * A GlobalKTable or an
 * unversioned KTable join uses the row as it was when the event was processed, by design. So where a groupBy keys
 * by an attribute of the table, the truth does not decide an event's repartition partition ({@link #placementKnown}
 * false): the window verdict replays the repartition topic's real order, and {@link EnrichAudit} counts, per cause,
 * the events joined with another version than the truth (for a versioned join, the ones timing made differ).
 */
public final class EnrichModel {

    private final EnrichStep step;
    private final ReferenceHistory reference;

    public EnrichModel(EnrichStep step, ReferenceHistory reference) {
        this.step = Objects.requireNonNull(step, "step");
        this.reference = Objects.requireNonNull(reference, "reference");
    }

    /** The event as the truth enriches it, or null when the step drops it. */
    public Event apply(Event event) {
        if (event instanceof Watermark) {
            return event;
        }
        ReferenceRow row = reference.asOf(event.key(), event.eventTime().toEpochMilli());
        if (row == null) {
            return step.onMissing() == EnrichStep.OnMissing.KEEP ? event.withEnrichment(Enrichment.MISSING) : null;
        }
        return event.withEnrichment(Enrichment.of(row));
    }

    /**
     * Whether the input alone decides the repartition partition of every event under {@code groupBy}: the groupBy
     * keys by no attribute of the table (see the class doc for why not even a versioned join's attributes do).
     */
    public boolean placementKnown(Optional<GroupByStep> groupBy, ReferenceSchema schema) {
        return groupBy.isEmpty() || groupBy.get().fields().stream().noneMatch(schema.attributes()::containsKey);
    }

    public EnrichStep step() {
        return step;
    }
}
