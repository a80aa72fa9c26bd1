package io.streamsim.model.scenario;

/**
 * Dirty input: a {@code duplicateFraction} of events is sent twice (same id, same content), and after a
 * {@code poisonFraction} of events an undecodable record is sent as well (the app routes it to the
 * dead-letter topic and goes on).
 */
public record DirtSpec(double duplicateFraction, double poisonFraction) {

    /** No dirt; also what each fraction a file leaves out is. */
    public static final DirtSpec NONE = new DirtSpec(0, 0);

    public DirtSpec {
        Checks.at("").fraction("duplicateFraction", duplicateFraction).fraction("poisonFraction", poisonFraction).done();
    }
}
