/**
 * The events streamsim produces and the window results the app emits, with their wire formats.
 *
 * <p>Events are JSON on the wire, written by {@link io.streamsim.model.EventCodec} without reflection
 * (the generator's hot path) and read back strictly, so that anything else on the input topic is a
 * decode error rather than a silently wrong event. The record timestamp of every input record is the
 * event's event time; the {@value io.streamsim.model.Headers#EMITTED_AT} header carries the wall-clock
 * time at which the event was due to be sent.
 */
package io.streamsim.model;
