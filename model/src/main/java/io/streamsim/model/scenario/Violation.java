package io.streamsim.model.scenario;

/**
 * One thing wrong with a scenario.
 *
 * @param source  the file (or label) it was read from
 * @param line    1-based line, or 0 when it is not known
 * @param path    the YAML path, e.g. {@code rate[1].ramp.to}
 */
public record Violation(String source, int line, String path, String message) {

    @Override
    public String toString() {
        String where = line > 0 ? source + ":" + line : source;
        return path.isEmpty() ? where + ": " + message : where + ": " + path + ": " + message;
    }
}
