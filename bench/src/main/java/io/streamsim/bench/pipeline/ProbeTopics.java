package io.streamsim.bench.pipeline;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;

/**
 * Deletes the topics a probe created (its input and output, the app's changelog and suppression topics), whoever
 * named them: each probe starts from a broker that holds no earlier probe's records, and the broker's disk and page
 * cache hold one probe's worth however long the search runs.
 */
final class ProbeTopics {

    private final Admin admin;
    private final Set<String> before;

    private ProbeTopics(Admin admin, Set<String> before) {
        this.admin = admin;
        this.before = before;
    }

    /** Remembers the topics that exist now. */
    static ProbeTopics before(Admin admin) throws Exception {
        return new ProbeTopics(admin, new HashSet<>(admin.listTopics().names().get(30, TimeUnit.SECONDS)));
    }

    /** Deletes every topic that did not exist at {@link #before}; returns how many. */
    int deleteNew() throws Exception {
        Set<String> now = new HashSet<>(admin.listTopics().names().get(30, TimeUnit.SECONDS));
        now.removeAll(before);
        if (!now.isEmpty()) {
            admin.deleteTopics(now).all().get(60, TimeUnit.SECONDS);
        }
        return now.size();
    }
}
