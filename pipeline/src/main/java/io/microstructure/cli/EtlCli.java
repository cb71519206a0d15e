package io.microstructure.cli;

import io.microstructure.generate.GenerateCommand;
import io.microstructure.parity.ParityCommand;
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
      DemoCommand.class,
      ConvertCommand.class,
      ParityCommand.class,
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

  public static CommandLine commandLine() {
    return new CommandLine(new EtlCli()).setCaseInsensitiveEnumValuesAllowed(true);
  }
}
