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
 * <p>That is exactly what a versioned join does when every table update was read before the events it precedes
 * (the simulator writes each update at the live event time, before the events that follow it) and the event is
 * within the store's history (the oracle does not model the history edge: the table's stream time at the moment of
 * the lookup depends on processing). A GlobalKTable or an unversioned KTable join uses the row as it was when the
 * event was processed instead, which this model cannot predict: {@link #placementKnown} says whether the truth still
 * decides where a following groupBy routes each event, and {@link EnrichAudit} counts the events that used another
 * version than the truth.
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
     * Whether the truth decides the repartition partition of every event under {@code groupBy}: the join is
     * versioned (as of event time), or the groupBy keys by no attribute of the table.
     */
    public boolean placementKnown(Optional<GroupByStep> groupBy, ReferenceSchema schema) {
        return step.versionedHistory().isPresent() || groupBy.isEmpty()
                || groupBy.get().fields().stream().noneMatch(schema.attributes()::containsKey);
    }

    public EnrichStep step() {
        return step;
    }
}
