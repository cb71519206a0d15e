package io.microstructure.storage;

/** S3 cannot be used as configured: one line that says why, never a key. */
public final class StorageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StorageException(String message) {
    super(Redaction.apply(message));
  }
}
