package io.streamsim.model.scenario;

import java.util.List;
import java.util.stream.Collectors;

/** A scenario that cannot be used, with every violation found in it. */
public final class ScenarioException extends RuntimeException {

    private final transient List<Violation> violations;

    public ScenarioException(List<Violation> violations) {
        super(violations.stream().map(Violation::toString).collect(Collectors.joining("\n")));
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
