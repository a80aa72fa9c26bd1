package io.streamsim.simulator.sweep;

import io.streamsim.model.scenario.Scenario;
import io.streamsim.model.scenario.ScenarioException;
import io.streamsim.model.scenario.ScenarioLoader;
import io.streamsim.model.scenario.Violation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every run of a sweep, made and validated before any runs: the cartesian product of the {@code --vary} values
 * (the first path varies slowest), each combination {@code repeat} times in a row, each a scenario edited at its
 * paths and read back through {@link ScenarioLoader} so that every rule of a scenario file holds for every
 * combination. A combination that does not validate is a problem naming the path, the value and the reason.
 */
public final class SweepPlan {

    /**
     * One run: its number (1 ..), the value of each varied path, which repetition (1 .. repeat), the edited YAML and
     * the scenario it reads as.
     */
    public record PlannedRun(int number, Map<String, String> values, int repetition, String yaml, Scenario scenario) {

        /** The values as {@code path=value, ...}. */
        public String label() {
            StringBuilder b = new StringBuilder();
            values.forEach((p, v) -> b.append(b.length() == 0 ? "" : ", ").append(p).append('=').append(v));
            return b.toString();
        }
    }

    private final List<Vary> varies;
    private final int repeat;
    private final List<PlannedRun> runs;

    private SweepPlan(List<Vary> varies, int repeat, List<PlannedRun> runs) {
        this.varies = List.copyOf(varies);
        this.repeat = repeat;
        this.runs = List.copyOf(runs);
    }

    /**
     * Plans the sweep of the scenario {@code yaml} (whose {@code name:} must be {@code name}).
     *
     * @throws SweepException listing every problem: a path that cannot be set, a combination that does not validate
     */
    public static SweepPlan of(String yaml, String source, String name, List<Vary> varies, int repeat) {
        List<String> problems = new ArrayList<>();
        if (varies.isEmpty()) {
            problems.add("--vary: give at least one PATH=V1,V2,...");
        }
        if (repeat < 1) {
            problems.add("--repeat: must be at least 1, was " + repeat);
        }
        for (int i = 0; i < varies.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (varies.get(i).path().equals(varies.get(j).path())) {
                    problems.add(varies.get(i).path() + ": varied twice");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new SweepException(problems);
        }
        // Each path on its own first: a path that cannot be set is one problem, not one per combination.
        for (Vary v : varies) {
            try {
                ScenarioEdit.of(yaml).set(v.path(), v.values().get(0));
            } catch (ScenarioEdit.PathException e) {
                problems.add(e.path() + ": " + e.reason());
            } catch (IllegalArgumentException e) {
                throw new SweepException(List.of(e.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            throw new SweepException(problems);
        }
        List<Map<String, String>> combinations = new ArrayList<>();
        combinations.add(new LinkedHashMap<>());
        for (Vary v : varies) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> c : combinations) {
                for (String value : v.values()) {
                    Map<String, String> m = new LinkedHashMap<>(c);
                    m.put(v.path(), value);
                    next.add(m);
                }
            }
            combinations = next;
        }
        List<PlannedRun> runs = new ArrayList<>();
        for (Map<String, String> c : combinations) {
            String edited;
            Scenario scenario;
            try {
                ScenarioEdit edit = ScenarioEdit.of(yaml);
                c.forEach(edit::set);
                edited = edit.yaml();
                scenario = ScenarioLoader.parse(edited, source, name);
            } catch (ScenarioEdit.PathException e) {
                String line = e.path() + ": " + e.reason();
                if (!problems.contains(line)) {
                    problems.add(line);
                }
                continue;
            } catch (ScenarioException e) {
                for (Violation v : e.violations()) {
                    problems.add(describe(c) + ": " + (v.path().isEmpty() ? "" : v.path() + ": ") + v.message());
                }
                continue;
            } catch (IllegalArgumentException e) {
                problems.add(source + ": " + e.getMessage());
                break;
            }
            for (int r = 1; r <= repeat; r++) {
                runs.add(new PlannedRun(runs.size() + 1, c, r, edited, scenario));
            }
        }
        if (!problems.isEmpty()) {
            throw new SweepException(problems);
        }
        return new SweepPlan(varies, repeat, runs);
    }

    private static String describe(Map<String, String> combination) {
        StringBuilder b = new StringBuilder("with ");
        combination.forEach((p, v) -> b.append(b.length() == 5 ? "" : ", ").append(p).append('=').append(v));
        return b.toString();
    }

    public List<Vary> varies() {
        return varies;
    }

    public int repeat() {
        return repeat;
    }

    public List<PlannedRun> runs() {
        return runs;
    }

    /** Problems with a sweep's input, found before anything runs. */
    public static final class SweepException extends IllegalArgumentException {
        private final List<String> problems;

        public SweepException(List<String> problems) {
            super(String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }
}
