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
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every app instance's stream-thread ratios from its {@value ThreadRatios#PATH} endpoint (alike for instances in
 * this JVM and in child JVMs). Not from {@code /metrics}: that text is ~470 KB and took 0.65-1.0 s to render during a
 * run on this project's 2-core machine, which delayed the samples it was meant for.
 *
 * <p>Per-partition figures do not come from here. Kafka Streams' task-level {@code process-total} would give them,
 * but in 4.3 it is a DEBUG-level sensor ({@code ProcessorNodeMetrics.processAtSourceSensor}) and the app records at
 * INFO (DEBUG adds a sensor per processor on the hot path): they come from the group's committed offsets instead.
 */
final class ThreadLoadScraper {

    private static final Logger LOG = LoggerFactory.getLogger(ThreadLoadScraper.class);
    private static final Duration TIMEOUT = Duration.ofMillis(300);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    /** Every thread of every instance that answers within the timeout; an instance that does not is left out. */
    List<ThreadLoad> scrape(Map<String, Integer> metricsPorts) {
        List<ThreadLoad> all = new ArrayList<>();
        new TreeMap<>(metricsPorts).forEach((instance, port) -> {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + ThreadRatios.PATH)).timeout(TIMEOUT).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    all.addAll(loads(instance, ThreadRatios.fromJson(response.body())));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                LOG.debug("No thread figures from {} this second: {}", instance, e.toString());
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
