package io.streamsim.model.scenario;

/**
 * One step of the app's topology. Steps run in a fixed order, each at most once: {@link DedupStep}, then
 * {@link EnrichStep}, then {@link GroupByStep}, then the {@link WindowStep} that ends every list. The flat form of
 * {@code topology:}
 * ({@code window}, {@code grace}, {@code emit} side by side) is a list of one window step keyed by the event key.
 */
public sealed interface Step permits DedupStep, EnrichStep, GroupByStep, WindowStep {

    /** The step's name in YAML: {@code dedup}, {@code enrich}, {@code groupBy}, {@code window}. */
    String kind();

    /** Where the step must stand in a list: steps run in ascending rank. */
    int rank();

    /** A few words for the report: {@code dedup within 10m}, {@code groupBy userId}. */
    String describe();
}
