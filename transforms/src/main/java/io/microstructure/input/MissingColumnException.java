package io.microstructure.input;

/** A raw file lacks a column its channel requires, or has it with an unusable type. */
public final class MissingColumnException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String file;
  private final String column;

  public MissingColumnException(String file, String column, String problem) {
    super(file + ": column '" + column + "' " + problem);
    this.file = file;
    this.column = column;
  }

  public String file() {
    return file;
  }

  public String column() {
    return column;
  }
}
