package io.streamsim.model.scenario;

/** Dirty input: a {@code duplicateFraction} of events is sent twice (same id, same content). */
public record DirtSpec(double duplicateFraction) {

    public static final DirtSpec NONE = new DirtSpec(0);

    public DirtSpec {
        Checks.at("").fraction("duplicateFraction", duplicateFraction).done();
    }
}
