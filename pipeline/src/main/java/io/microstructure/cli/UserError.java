package io.microstructure.cli;

/** A mistake the user can fix (missing input, bad flag): printed as one line, exit code 2. */
public final class UserError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UserError(String message) {
    super(message);
  }
}
