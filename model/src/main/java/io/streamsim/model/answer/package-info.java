/**
 * A scenario's talking points: sentences quoting figures of the run's summary ({@code {latency.p99Seconds}}) and
 * conclusions printed only when the run's figures support them ({@link io.streamsim.model.answer.Condition}).
 * The summary's shape belongs to the simulator, which checks the figure names through a
 * {@link io.streamsim.model.answer.FigureCatalog} and fills the placeholders with the run's numbers.
 */
package io.streamsim.model.answer;
