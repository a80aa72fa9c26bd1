package io.streamsim.model.scenario;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown by a spec record's constructor: every rule it breaks, each with the path of the value. */
public final class SpecException extends IllegalArgumentException {

    /** One broken rule; {@code path} is the full YAML path of the offending value. */
    public record Problem(String path, String message) {
    }

    private final transient List<Problem> problems;

    SpecException(List<Problem> problems) {
        super(problems.stream().map(p -> p.path() + ": " + p.message()).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
