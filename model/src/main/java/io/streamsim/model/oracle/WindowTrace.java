package io.streamsim.model.oracle;

import java.util.List;

/**
 * The event ids behind one traced window, kept only for windows the oracle was asked to trace: enough to
 * name the one event a wrong result counted twice, lost, or aggregated although it was late.
 *
 * @param aggregatedIds ids of the records aggregated into the window, in input order, duplicates repeated
 * @param droppedIds    ids of the records dropped from the window as late, in input order
 */
public record WindowTrace(List<Long> aggregatedIds, List<Long> droppedIds) {

    public WindowTrace {
        aggregatedIds = List.copyOf(aggregatedIds);
        droppedIds = List.copyOf(droppedIds);
    }
}
