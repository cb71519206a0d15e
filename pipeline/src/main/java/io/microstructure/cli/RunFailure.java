package io.microstructure.cli;

import io.microstructure.pipeline.UserError;
import io.microstructure.storage.Redaction;

/**
 * A run that started and failed (the runner threw, or ended in a state other than DONE): printed as
 * one line, cause first, exit code 1. Mistakes in the user's input are {@link UserError}s.
 */
final class RunFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  RunFailure(String message) {
    super(Redaction.apply(message));
  }
}
