package io.microstructure.input;

/** A raw file that is not readable Parquet or lacks a required column; fails the run. */
public final class UnreadableFileException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UnreadableFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
