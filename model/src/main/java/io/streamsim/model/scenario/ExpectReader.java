package io.streamsim.model.scenario;

import java.time.Duration;
import java.util.function.BiFunction;

/** Reads {@code expect:}, what a run must show; absent, it is {@link ExpectSpec#NONE}, and so is each key. */
final class ExpectReader {

    private ExpectReader() {
    }

    static ExpectSpec read(YamlTree.Fields f) {
        ExpectSpec.OracleExpectation oracle = f.has("oracle")
                ? f.enumValue("oracle", ExpectSpec.OracleExpectation.class, false) : null;
        Double droppedLate = max(f, "droppedLateFraction", (m, key) -> m.number(key, true));
        Duration p99 = max(f, "p99EndToEndLatency", (m, key) -> m.duration(key, true));
        Duration recovery = max(f, "recoveryTime", (m, key) -> m.duration(key, true));
        Boolean deadLetters = null;
        boolean ok = !f.has("oracle") || oracle != null;
        if (f.has("deadLetters")) {
            String text = f.string("deadLetters", false);
            if ("poison".equals(text)) {
                deadLetters = true;
            } else if (text != null) {
                f.tree().violation(f.get("deadLetters", false), f.path("deadLetters"),
                        "must be 'poison' (the dead-letter topic holds exactly the poison records written), was '"
                                + text + "'");
                ok = false;
            }
        }
        f.finish();
        if (!ok) {
            return null;
        }
        Boolean dl = deadLetters;
        return f.build(() -> new ExpectSpec(oracle, droppedLate, p99, recovery, dl));
    }

    /** {@code KEY: {max: VALUE}}, the value read by {@code read}; null when {@code KEY} is left out. */
    private static <T> T max(YamlTree.Fields f, String key, BiFunction<YamlTree.Fields, String, T> read) {
        YamlTree.Fields m = f.fields(key, false);
        if (m == null) {
            return null;
        }
        T value = read.apply(m, "max");
        m.finish();
        return value;
    }
}
