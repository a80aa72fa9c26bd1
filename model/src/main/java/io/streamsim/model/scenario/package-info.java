/**
 * The scenario spec: immutable, validated records for everything a scenario file says, and the loader
 * that reads YAML into them.
 *
 * <p>Every rule lives in a record's constructor, stated through {@link io.streamsim.model.scenario.Checks}
 * with the YAML path of the value it checks, so that programmatic construction and file loading enforce
 * the same rules. {@link io.streamsim.model.scenario.ScenarioLoader} maps each broken rule, unknown key
 * and type error back to its line, and reports all of them at once; it reads each section with its own small
 * reader ({@code EventsReader}, {@code TopologyReader}, ...), and what a file leaves out is a constant on the
 * record it belongs to (e.g. {@link io.streamsim.model.scenario.TopicsSpec#DEFAULT}), stated nowhere else.
 */
package io.streamsim.model.scenario;
