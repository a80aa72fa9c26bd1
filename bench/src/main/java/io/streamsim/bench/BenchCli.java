package io.streamsim.bench;

import io.streamsim.bench.pipeline.PipelineBenchCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code streamsim bench}: benchmarks against Kafka's own tools. */
@Command(name = "streamsim bench", mixinStandardHelpOptions = true,
        description = "Benchmarks against Kafka's own tools, side by side on the same broker.",
        subcommands = {ProducerBenchCommand.class, PipelineBenchCommand.class, CommandLine.HelpCommand.class})
public final class BenchCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        CommandLine cmd = new CommandLine(new BenchCli());
        cmd.setOut(new PrintWriter(System.out, true));
        cmd.setErr(new PrintWriter(System.err, true));
        cmd.getCommandSpec().exitCodeOnInvalidInput(2);
        cmd.getSubcommands().values().forEach(c -> c.getCommandSpec().exitCodeOnInvalidInput(2));
        System.exit(cmd.execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
