package io.microstructure.pipeline;

import io.microstructure.storage.Redaction;

/**
 * A mistake the user can fix (missing input, bad flag): printed as one line, exit code 2. The
 * message never holds a credential ({@link Redaction}).
 */
public final class UserError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UserError(String message) {
    super(Redaction.apply(message));
  }
}
