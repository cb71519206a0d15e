package io.microstructure.cli;

import java.util.concurrent.Callable;

/** Turns user errors into one clear line and exit code 2 instead of a stack trace. */
final class Cli {
  private Cli() {}

  static int guard(Callable<Integer> command) {
    try {
      return command.call();
    } catch (UserError e) {
      System.err.println("etl: error: " + e.getMessage());
      return 2;
    } catch (Exception e) {
      System.err.println("etl: error: " + PipelineRunner.rootMessage(e));
      return 1;
    }
  }
}
