package io.microstructure.cli;

import io.microstructure.generate.GenerateCommand;
import io.microstructure.parity.ParityCommand;
import io.microstructure.report.ReportCommand;
import io.microstructure.pipeline.FailureMessage;
import io.microstructure.storage.Redaction;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bin/etl}: the user's entry point. */
@Command(
    name = "etl",
    mixinStandardHelpOptions = true,
    version = "microstructure-etl 0.1.0",
    description =
        "CCXT market data (channel-separated Parquet) to microstructure features and bars.",
    subcommands = {
      GenerateCommand.class,
      RunCommand.class,
      LsCommand.class,
      DemoCommand.class,
      ConvertCommand.class,
      ParityCommand.class,
      ReportCommand.class,
      BenchCommand.class,
      CommandLine.HelpCommand.class
    })
public final class EtlCli implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /**
   * The command line with the exit-code rule of {@link Cli} for what commands do not catch
   * themselves: a usage mistake is one line and 2 (picocli would print the whole usage, and echo an
   * unknown option with any key in it), anything thrown is one line and 1.
   */
  public static CommandLine commandLine() {
    return new CommandLine(new EtlCli())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setParameterExceptionHandler(EtlCli::usageMistake)
        .setExecutionExceptionHandler(
            (e, commandLine, parsed) -> Cli.error(FailureMessage.of(e), Cli.FAILED));
  }

  private static int usageMistake(CommandLine.ParameterException e, String[] args) {
    Redaction.rememberIn(Arrays.asList(args));
    String command = e.getCommandLine().getCommandSpec().qualifiedName();
    return Cli.error(e.getMessage() + " (see '" + command + " --help')", Cli.USER_MISTAKE);
  }
}
