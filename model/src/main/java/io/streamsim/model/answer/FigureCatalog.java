package io.streamsim.model.answer;

import java.util.Optional;

/**
 * The figures a run's summary has, for checking talking points when a scenario is loaded. The model does not know
 * the summary's shape (the simulator owns it), so the simulator supplies the catalog to the loader; checking there,
 * rather than after loading, reports a bad placeholder in the same pass, sorted by line, as every other problem.
 */
public interface FigureCatalog {

    /**
     * Empty when {@code path} names a figure ({@code number}: one a condition can compare, a number or a boolean);
     * else what is wrong, naming the nearest known figures.
     */
    Optional<String> problem(String path, boolean number);
}
