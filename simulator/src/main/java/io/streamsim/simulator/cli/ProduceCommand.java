package io.streamsim.simulator.cli;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.streamsim.model.EventTimeReach;
import io.streamsim.model.scenario.Scenario;
import io.streamsim.producers.LoadGenerator;
import io.streamsim.producers.ProducerStats;
import io.streamsim.producers.Ticker;
import io.streamsim.simulator.broker.TopicReadiness;
import io.streamsim.simulator.run.BrokerUnreachableException;
import io.streamsim.simulator.run.KafkaTarget;
import io.streamsim.streams.MetricsServer;
import io.streamsim.streams.PrometheusRegistries;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code streamsim produce FILE --bootstrap-servers HOSTS}: only the scenario's producers, into a cluster whose
 * Streams app runs elsewhere (e.g. the docker-compose setup, with app replicas scaled by compose).
 */
@Command(name = "produce", description = "Run only the scenario's producers against a Kafka cluster.")
final class ProduceCommand implements Callable<Integer> {

    private static final Duration TOPIC_READY_TIMEOUT = Duration.ofSeconds(60);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The scenario file (YAML).")
    Path file;

    @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOSTS", description = "The Kafka cluster.")
    String bootstrapServers;

    @Option(names = "--command-config", paramLabel = "FILE",
            description = "Client properties for the producers (e.g. SASL/SSL settings).")
    Path commandConfig;

    @Option(names = "--topic", description = "Input topic (default: <scenario name>.events, as the app expects).")
    String topic;

    @CommandLine.Mixin
    MetricsOptions metrics = new MetricsOptions();

    @Option(names = "--connect-timeout", defaultValue = "30s",
            description = "How long the cluster may take to answer (default: ${DEFAULT-VALUE}).")
    Duration connectTimeout;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ScenarioInput input = ScenarioInput.read(file, commandConfig, err);
        if (input == null) {
            return ExitCodes.BAD_INPUT;
        }
        Scenario scenario = input.scenario();
        Map<String, Object> clientProperties = input.clientProperties();
        String inputTopic = topic != null ? topic : scenario.name() + ".events";
        AtomicBoolean stop = new AtomicBoolean();
        PrometheusMeterRegistry registry = PrometheusRegistries.create();
        try (KafkaTarget target = KafkaTarget.external(bootstrapServers, clientProperties, connectTimeout)) {
            createIfMissing(target, inputTopic, scenario);
            registry.config().commonTags("scenario", scenario.name());
            try (MetricsServer metricsServer = metrics.port < 0 ? null : MetricsServer.start(registry, metrics.host, metrics.port);
                 LoadGenerator generator = new LoadGenerator(scenario, inputTopic, target.clientConfig(),
                         Instant.now().truncatedTo(ChronoUnit.MILLIS), Ticker.system(), registry)) {
                if (metricsServer != null) {
                    out.println("Metrics: http://" + metrics.host + ":" + metricsServer.port() + "/metrics");
                }
                Thread hook = new Thread(() -> stop.set(true), "streamsim-produce-stop");
                Runtime.getRuntime().addShutdownHook(hook);
                out.printf("Producing %d events over %ds into %s at %s%n", scenario.timeline().totalEvents(),
                        scenario.duration().toSeconds(), inputTopic, bootstrapServers);
                out.flush();
                generator.start();
                long previous = 0;
                while (!generator.awaitDone(Duration.ofSeconds(1))) {
                    if (stop.get()) {
                        generator.stop();
                        generator.awaitDone(Duration.ofSeconds(10));
                        break;
                    }
                    ProducerStats s = generator.stats();
                    out.printf(Locale.ROOT, "due %d  sent %d (%d/s)  acked %d  failed %d  behind schedule %.2fs%n",
                            s.eventsDue(), s.recordsSent(), s.recordsSent() - previous, s.recordsAcked(),
                            s.recordsFailed(), s.scheduleLag().toNanos() / 1e9);
                    out.flush();
                    previous = s.recordsSent();
                }
                ProducerStats s = generator.stats();
                out.printf("done: %d events sent (+%d duplicates, %d poison), %d acked, %d failed%n", s.eventsSent(),
                        s.duplicatesSent(), s.poisonSent(), s.recordsAcked(), s.recordsFailed());
                out.flush();
                if (stop.get()) {
                    return ExitCodes.INTERRUPTED;
                }
                return s.recordsFailed() == 0 ? ExitCodes.OK : ExitCodes.RUN_FAILED;
            }
        } catch (BrokerUnreachableException e) {
            err.println("streamsim: " + e.getMessage());
            err.flush();
            return ExitCodes.BROKER_UNREACHABLE;
        } finally {
            registry.close();
        }
    }

    private static void createIfMissing(KafkaTarget target, String topic, Scenario scenario)
            throws InterruptedException, ExecutionException {
        try {
            target.admin().createTopics(List.of(new NewTopic(topic, scenario.topics().partitions(),
                    scenario.topics().replicationFactor()).configs(EventTimeReach.topicConfigs(scenario)))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        try {
            TopicReadiness.awaitLeaders(target.admin(), List.of(topic), TOPIC_READY_TIMEOUT);
        } catch (TimeoutException e) {
            throw new IllegalStateException("topic " + topic + " cannot take writes: " + e.getMessage(), e);
        }
    }
}
