/**
 * One scenario run from start to finish, and what it produces: the Kafka target and topics, app instances,
 * producers, the output tracker, per-second sampling, the fault timeline and the lag rule, the drain at the end, and
 * the figures ({@link io.streamsim.simulator.run.RunSummary}, {@link io.streamsim.simulator.run.Sample}) plus the
 * live view and controls ({@link io.streamsim.simulator.run.RunControl}). {@code report} and {@code ui} read these;
 * this package imports neither, and its caller hooks them in with a {@link io.streamsim.simulator.run.RunListener}.
 *
 * <p>{@link io.streamsim.simulator.run.PipelineRun} runs the stages; each job is a class of its own:
 * {@code RunStartup} (start-up, step by step), {@code LoadLoop}, {@code Drain}, {@code Sampler}, {@code Autoscaler},
 * {@code LiveControls}, {@code PipelineActions} (what faults do), {@code SummaryBuilder} and {@code Recovery};
 * {@code ReferenceWriter} writes the reference table and its updates, {@code ThreadLoadScraper} and
 * {@link io.streamsim.simulator.run.SkewFigures} say where the work went (per partition, per stream thread);
 * {@code StageLags} and {@link io.streamsim.simulator.run.StageSkewFigures} the same per repartition topic of a
 * groupBy (both stages of a salted one).
 */
package io.streamsim.simulator.run;
