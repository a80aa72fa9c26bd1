package io.streamsim.simulator.run;

import io.streamsim.streams.ThreadRatios;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every app instance's stream-thread ratios from its {@value ThreadRatios#PATH} endpoint (alike for instances in
 * this JVM and in child JVMs), asynchronously. Not from {@code /metrics}: that text is ~470 KB and took 0.65-1.0 s to render during a
 * run on this project's 2-core machine, which delayed the samples it was meant for.
 *
 * <p>Per-partition figures do not come from here. Kafka Streams' task-level {@code process-total} would give them,
 * but in 4.3 it is a DEBUG-level sensor ({@code ProcessorNodeMetrics.processAtSourceSensor}) and the app records at
 * INFO (DEBUG adds a sensor per processor on the hot path): they come from the group's committed offsets instead.
 */
final class ThreadLoadScraper {

    private static final Logger LOG = LoggerFactory.getLogger(ThreadLoadScraper.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    /** An answer older than this is not shown: the instance went away or stopped answering. */
    private static final long FRESH_NANOS = Duration.ofSeconds(3).toNanos();

    private record Answer(long atNanos, List<ThreadLoad> loads) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final Map<String, Answer> latest = new ConcurrentHashMap<>();
    private final Set<String> asking = ConcurrentHashMap.newKeySet();

    /**
     * Asks every instance that has no question pending (without waiting for the answers: a sample must not wait for a
     * busy instance, and on a loaded machine an answer can take seconds), and returns the latest fresh answers, by
     * instance name: a second or so old, as Kafka's own ratios are over a longer window anyway.
     */
    List<ThreadLoad> scrape(Map<String, Integer> metricsPorts) {
        metricsPorts.forEach((instance, port) -> {
            if (!asking.add(instance)) {
                return;
            }
            http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + ThreadRatios.PATH))
                                    .timeout(TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, failure) -> {
                        try {
                            if (failure == null && response.statusCode() == 200) {
                                latest.put(instance, new Answer(System.nanoTime(),
                                        loads(instance, ThreadRatios.fromJson(response.body()))));
                            } else {
                                LOG.debug("No thread figures from {}: {}", instance,
                                        failure != null ? failure.toString() : "HTTP " + response.statusCode());
                            }
                        } catch (Exception e) {
                            LOG.debug("Unreadable thread figures from {}: {}", instance, e.toString());
                        } finally {
                            asking.remove(instance);
                        }
                    });
        });
        long now = System.nanoTime();
        List<ThreadLoad> all = new ArrayList<>();
        new TreeMap<>(latest).forEach((instance, answer) -> {
            if (metricsPorts.containsKey(instance) && now - answer.atNanos() < FRESH_NANOS) {
                all.addAll(answer.loads());
            }
        });
        return all;
    }

    /**
     * One instance's threads, by short name: what follows the last {@code -StreamThread-} in Kafka's thread id
     * ({@code StreamThread-1}), or the whole id; in name order.
     */
    static List<ThreadLoad> loads(String instance, List<ThreadRatios.ThreadRatio> ratios) {
        return ratios.stream().map(r -> new ThreadLoad(instance, shortName(r.thread()), r.process(), r.punctuate(),
                r.commit(), r.poll())).sorted(java.util.Comparator.comparing(ThreadLoad::thread)).toList();
    }

    private static String shortName(String threadId) {
        int at = threadId.lastIndexOf("-StreamThread-");
        return at < 0 ? threadId : threadId.substring(at + 1);
    }
}
