package io.streamsim.model.scenario;

/** Streams app instances (one application id) and stream threads in each. */
public record AppSpec(int instances, int threadsPerInstance) {

    public AppSpec {
        Checks.at("").range("instances", instances, 1, 32).range("threadsPerInstance", threadsPerInstance, 1, 32).done();
    }
}
