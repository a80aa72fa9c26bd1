package io.streamsim.streams;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.streamsim.streams.http.ControlToken;
import io.streamsim.model.scenario.Scenario;
import io.streamsim.model.scenario.ScenarioException;
import io.streamsim.model.scenario.ScenarioLoader;
import io.streamsim.model.scenario.SpecException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs one instance of the streams app against any cluster until SIGTERM or Ctrl-C, serving its meters on
 * {@code http://<metrics-host>:<metrics-port>/metrics} (and {@code /control/status}, {@code /control/slow}: see
 * {@link MetricsServer}, which also says who may call what) and refreshing committed-offset lag every 5s. Start
 * more instances with the same {@code --application-id}, anywhere, to scale out. With
 * {@code --control-token-env NAME} every {@code /control/} request must carry that variable's value (the simulator
 * sets one per run for the instances it starts); without it, the controls ask no token.
 *
 * <p>A launching process learns the port and readiness from stdout lines starting with {@value #READY_PREFIX}.
 *
 * <p>Exit codes: {@value #EXIT_OK} stopped on request (SIGTERM and SIGINT included: the app closes, leaving its
 * group, then exits 0), {@value #EXIT_FAILED} the app failed or did not close in time, {@value #EXIT_BAD_INPUT}
 * bad options, scenario or client config. SIGKILL is a crash: exit status 137, no group leave.
 */
@Command(name = "streams-app", mixinStandardHelpOptions = true, version = "streamsim streams-app 0.1.0",
        description = "Windowed aggregation of a streamsim scenario's events, as one Kafka Streams instance.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped cleanly", "1:the app failed", "2:bad input (options, scenario, client config)"})
public final class StreamsAppMain implements Callable<Integer> {

    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_BAD_INPUT = 2;

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration LAG_INTERVAL = Duration.ofSeconds(5);

    /**
     * Starts every stdout line meant for a launching process: {@code streamsim-app metrics-port=<port>} once the
     * HTTP endpoints listen, {@code streamsim-app state=<Kafka Streams state>} on every state change, and
     * {@code streamsim-app final-status=<AppStatus JSON>} after a clean stop. Logs go to stderr.
     */
    public static final String READY_PREFIX = "streamsim-app ";

    @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOST:PORT[,...]")
    String bootstrapServers;

    @Option(names = "--scenario", required = true, paramLabel = "FILE",
            description = "Scenario YAML: the topology, replication factor and threads come from it.")
    Path scenarioFile;

    @Option(names = "--command-config", paramLabel = "FILE",
            description = "Client properties applied to every Kafka client, e.g. SASL/SSL settings.")
    Path commandConfig;

    @Option(names = "--application-id", description = "Default: streamsim-<scenario name>.")
    String applicationId;

    @Option(names = "--input-topic", description = "Default: <scenario name>.events.")
    String inputTopic;

    @Option(names = "--output-topic", description = "Default: <scenario name>.windows.")
    String outputTopic;

    @Option(names = "--instance-id", description = "Default: <hostname>-<pid>.")
    String instanceId;

    @Option(names = "--metrics-host", defaultValue = MetricsServer.DEFAULT_HOST,
            description = "Address the metrics endpoint binds to. Default: ${DEFAULT-VALUE}.")
    String metricsHost;

    @Option(names = "--metrics-port", defaultValue = "9465",
            description = "0 picks a free port. Default: ${DEFAULT-VALUE}.")
    int metricsPort;

    @Option(names = "--control-token-env", paramLabel = "NAME",
            description = "Require, on every /control/ request, the header " + ControlToken.HEADER + " with the "
                    + "value of this environment variable (at least 16 characters). Default: none asked (the "
                    + "controls still answer same-origin loopback requests only). The simulator sets one per run.")
    String controlTokenEnv;

    @Option(names = "--dead-letter-topic", paramLabel = "TOPIC",
            description = "Where undecodable input records go, with headers naming the error and source offset. "
                    + "Default: none (such records are skipped and counted).")
    String deadLetterTopic;

    @Option(names = "--parent-pid", paramLabel = "PID",
            description = "Stop (as on SIGTERM) once this process is gone: a launcher's crash leaves no orphan.")
    Long parentPid;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Kafka Streams state directory. Default: <tmp>/streamsim-streams/<instance id>.")
    Path stateDir;

    private final PrintWriter out;
    private final PrintWriter err;
    private final UnaryOperator<String> environment;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);

    public StreamsAppMain(PrintWriter out, PrintWriter err) {
        this(out, err, System::getenv);
    }

    /** @param environment looks up an environment variable (null when unset); tests inject their own */
    StreamsAppMain(PrintWriter out, PrintWriter err, UnaryOperator<String> environment) {
        this.out = out;
        this.err = err;
        this.environment = environment;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        StreamsAppMain main = new StreamsAppMain(out, err);
        stopOnSignal(main, "TERM");
        stopOnSignal(main, "INT");
        System.exit(commandLine(main, out, err).execute(args));
    }

    /**
     * Takes {@code signal} from the JVM's default handling (run shutdown hooks, exit 128 + signal) so that a
     * stop on request closes the app, leaves the group and exits {@value #EXIT_OK}. Where the JVM does not let
     * go of the signal ({@code -Xrs}), the shutdown hook still closes the app.
     */
    @SuppressWarnings("sunapi")
    private static void stopOnSignal(StreamsAppMain main, String signal) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal(signal), s -> main.requestStop());
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            main.err.println("streams-app: SIGTERM handling left to the JVM (" + e.getMessage() + ")");
        }
    }

    static CommandLine commandLine(StreamsAppMain main, PrintWriter out, PrintWriter err) {
        return new CommandLine(main).setOut(out).setErr(err);
    }

    /** Makes {@link #call()} close the app and return, as SIGTERM does. */
    public void requestStop() {
        stopRequested.countDown();
    }

    @Override
    public Integer call() throws InterruptedException {
        StreamsAppConfig config;
        Optional<ControlToken> token;
        try {
            config = config();
            token = controlToken();
        } catch (BadInput e) {
            err.println("streams-app: " + e.getMessage());
            return EXIT_BAD_INPUT;
        }
        Thread hook = new Thread(() -> {
            requestStop();
            try {
                stopped.await(CLOSE_TIMEOUT.plusSeconds(5).toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "streams-app-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return run(config, token);
        } finally {
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is what is running: it returns now that the app is closed.
            }
        }
    }

    private int run(StreamsAppConfig config, Optional<ControlToken> token) throws InterruptedException {
        PrometheusMeterRegistry registry = PrometheusRegistries.create();
        // Lag reads can block for the admin timeout; on their own thread they never delay a stop.
        ScheduledExecutorService lagRefresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "streamsim-lag-monitor");
            t.setDaemon(true);
            return t;
        });
        ScheduledExecutorService parentWatch = null;
        try (StreamsApp app = new StreamsApp(config, registry);
             MetricsServer metrics = MetricsServer.start(registry, metricsHost, metricsPort, app, token);
             LagMonitor lag = LagMonitor.create(config.bootstrapServers(), config.clientConfig(),
                     config.applicationId(), config.inputTopic(), registry)) {
            metrics.serveJson(ThreadRatios.PATH, () -> ThreadRatios.toJson(app.threadRatios()));
            out.printf("streams-app %s: application %s, %s -> %s%s, metrics on http://%s:%d%s%n",
                    config.instanceId(), config.applicationId(), config.inputTopic(), config.outputTopic(),
                    config.deadLetterTopic() == null ? "" : " (dead letters -> " + config.deadLetterTopic() + ")",
                    metrics.host(), metrics.port(), MetricsServer.PATH);
            out.println(READY_PREFIX + "metrics-port=" + metrics.port());
            app.addStateListener((newState, oldState) -> out.println(READY_PREFIX + "state=" + newState));
            if (parentPid != null) {
                parentWatch = watchParent(parentPid);
            }
            app.start();
            lagRefresher.scheduleWithFixedDelay(() -> refreshQuietly(lag), 0, LAG_INTERVAL.toMillis(),
                    TimeUnit.MILLISECONDS);
            while (!stopRequested.await(1, TimeUnit.SECONDS)) {
                KafkaStreams.State state = app.state();
                if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING
                        || state == KafkaStreams.State.PENDING_ERROR) {
                    err.println("streams-app: stopped in state " + state
                            + app.failure().map(f -> ": " + f).orElse(""));
                    lagRefresher.shutdownNow();
                    app.close(CLOSE_TIMEOUT);
                    return EXIT_FAILED;
                }
            }
            lagRefresher.shutdownNow();
            AppStatus last = app.status();
            boolean closed = app.close(CLOSE_TIMEOUT);
            out.printf("streams-app %s: stopped (%d processed, %d dropped late, %d dead-lettered, %d results)%n",
                    config.instanceId(), app.meters().recordsProcessed(), app.meters().recordsDroppedLate(),
                    app.meters().recordsDeadLettered(), app.meters().windowResultsEmitted());
            out.println(READY_PREFIX + "final-status=" + last.toJson());
            return closed ? EXIT_OK : EXIT_FAILED;
        } catch (IOException e) {
            err.println("streams-app: cannot serve metrics on " + metricsHost + ":" + metricsPort + ": " + e.getMessage());
            return EXIT_FAILED;
        } catch (KafkaException e) {
            err.println("streams-app: " + e.getMessage());
            return EXIT_FAILED;
        } finally {
            lagRefresher.shutdownNow();
            if (parentWatch != null) {
                parentWatch.shutdownNow();
            }
            registry.close();
        }
    }

    private ScheduledExecutorService watchParent(long pid) {
        ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "streamsim-parent-watch");
            t.setDaemon(true);
            return t;
        });
        watch.scheduleWithFixedDelay(() -> {
            if (ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true)) {
                err.println("streams-app: parent process " + pid + " is gone; stopping");
                requestStop();
            }
        }, 1, 1, TimeUnit.SECONDS);
        return watch;
    }

    private void refreshQuietly(LagMonitor lag) {
        try {
            lag.refresh();
        } catch (KafkaException e) {
            // Lag is a gauge for dashboards; a slow or briefly unreachable cluster must not stop processing.
            err.println("streams-app: lag not refreshed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The config an instance started with {@code args} (this class's options) runs with: how a launcher that hosts
     * instances in its own JVM gets exactly what a child started with the same arguments would get.
     *
     * @throws IllegalArgumentException for options or a scenario that a child would refuse with exit code 2
     */
    public static StreamsAppConfig configFor(List<String> args) {
        StreamsAppMain main = new StreamsAppMain(new PrintWriter(Writer.nullWriter()), new PrintWriter(Writer.nullWriter()));
        try {
            new CommandLine(main).parseArgs(args.toArray(String[]::new));
            return main.config();
        } catch (CommandLine.ParameterException | BadInput e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** The token named by {@code --control-token-env}; empty without the option. */
    Optional<ControlToken> controlToken() throws BadInput {
        if (controlTokenEnv == null) {
            return Optional.empty();
        }
        String value = environment.apply(controlTokenEnv);
        if (value == null || value.isEmpty()) {
            throw new BadInput("--control-token-env: environment variable " + controlTokenEnv + " is not set");
        }
        try {
            return Optional.of(ControlToken.of(value));
        } catch (IllegalArgumentException e) {
            throw new BadInput("--control-token-env: " + controlTokenEnv + ": " + e.getMessage());
        }
    }

    StreamsAppConfig config() throws BadInput {
        Scenario scenario;
        try {
            scenario = ScenarioLoader.load(scenarioFile);
        } catch (IOException e) {
            throw new BadInput("cannot read scenario " + scenarioFile + ": " + e);
        } catch (ScenarioException e) {
            throw new BadInput("invalid scenario:\n" + e.getMessage());
        }
        Map<String, Object> clientConfig = new HashMap<>();
        if (commandConfig != null) {
            Properties props = new Properties();
            try (InputStream in = Files.newInputStream(commandConfig)) {
                props.load(in);
            } catch (IOException e) {
                throw new BadInput("cannot read command config " + commandConfig + ": " + e);
            }
            props.stringPropertyNames().forEach(name -> clientConfig.put(name, props.getProperty(name)));
        }
        if (scenario.app().sessionTimeout() != null) {
            long ms = scenario.app().sessionTimeout().toMillis();
            clientConfig.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, String.valueOf(ms));
            clientConfig.putIfAbsent(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, String.valueOf(Math.max(500, ms / 3)));
        }
        InternalTopicRetention.streamsConfig(scenario, Instant.now()).forEach(clientConfig::putIfAbsent);
        String name = scenario.name();
        String instance = instanceId != null ? instanceId : defaultInstanceId();
        try {
            return new StreamsAppConfig(
                    applicationId != null ? applicationId : "streamsim-" + name,
                    instance,
                    bootstrapServers,
                    clientConfig,
                    scenario.topology(),
                    inputTopic != null ? inputTopic : name + ".events",
                    outputTopic != null ? outputTopic : name + ".windows",
                    scenario.app().threadsPerInstance(),
                    scenario.topics().replicationFactor(),
                    stateDir != null ? stateDir
                            : Path.of(System.getProperty("java.io.tmpdir"), "streamsim-streams", instance),
                    deadLetterTopic);
        } catch (SpecException e) {
            throw new BadInput(e.getMessage());
        }
    }

    static String defaultInstanceId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return host + "-" + ProcessHandle.current().pid();
    }

    /** Input that no retry can fix: reported in one line, exit code 2. */
    static final class BadInput extends Exception {
        BadInput(String message) {
            super(message);
        }
    }
}
