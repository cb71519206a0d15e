package io.microstructure.cli;

import io.microstructure.pipeline.FailureMessage;
import io.microstructure.pipeline.UserError;
import io.microstructure.storage.Redaction;
import java.io.PrintStream;
import java.util.concurrent.Callable;

/**
 * The exit-code rule of every command: 0 done; 1 the run failed (a runner error, an exhausted heap,
 * any throwable); 2 a mistake the user can fix (a flag, a config key, a missing or unreadable
 * input). A failure is one line on stderr, cause first, never a stack trace or a credential.
 */
final class Cli {
  static final int FAILED = 1;
  static final int USER_MISTAKE = 2;

  private Cli() {}

  static int guard(Callable<Integer> command) {
    try {
      return command.call();
    } catch (UserError e) {
      return error(e.getMessage(), USER_MISTAKE);
    } catch (RunFailure e) {
      return error(e.getMessage(), FAILED);
    } catch (Throwable e) { // an Error too: an exhausted heap must not end as a stack trace
      return error(FailureMessage.of(e), FAILED);
    }
  }

  /** Prints {@code etl: error: <message>} as one line, credentials masked; returns {@code code}. */
  static int error(String message, int code) {
    PrintStream err = System.err;
    err.println("etl: error: " + oneLine(Redaction.apply(message)));
    err.flush();
    return code;
  }

  static String oneLine(String message) {
    return message == null ? "unknown error" : message.replaceAll("\\s*\\R\\s*", " ").strip();
  }
}
