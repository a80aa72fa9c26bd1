package io.streamsim.simulator.cli;

import io.streamsim.model.scenario.Durations;
import java.io.PrintWriter;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code streamsim}: the top-level command. */
@Command(name = "streamsim", mixinStandardHelpOptions = true, versionProvider = StreamsimCli.Version.class,
        description = "A streaming pipeline simulator on real Apache Kafka.",
        subcommands = {RunCommand.class, SweepCommand.class, ProduceCommand.class, ValidateCommand.class, CommandLine.HelpCommand.class})
public final class StreamsimCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(newCommandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true)).execute(args));
    }

    /** The command line with its writers and converters; what main runs, and what tests drive. */
    public static CommandLine newCommandLine(PrintWriter out, PrintWriter err) {
        CommandLine cmd = new CommandLine(new StreamsimCli());
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.registerConverter(Duration.class, Durations::parse);
        setExitCodes(cmd);
        return cmd;
    }

    private static void setExitCodes(CommandLine cmd) {
        cmd.getCommandSpec().exitCodeOnInvalidInput(ExitCodes.BAD_INPUT);
        cmd.getCommandSpec().exitCodeOnExecutionException(ExitCodes.RUN_FAILED);
        cmd.getSubcommands().values().forEach(StreamsimCli::setExitCodes);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = StreamsimCli.class.getPackage().getImplementationVersion();
            return new String[] {"streamsim " + (v != null ? v : "dev") + " (Kafka "
                    + org.apache.kafka.common.utils.AppInfoParser.getVersion() + ")"};
        }
    }
}
