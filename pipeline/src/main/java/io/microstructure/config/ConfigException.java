package io.microstructure.config;

import io.microstructure.storage.Redaction;

/** A configuration mistake, naming the file and the key; never a credential's value. */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(Redaction.apply(message));
  }
}
