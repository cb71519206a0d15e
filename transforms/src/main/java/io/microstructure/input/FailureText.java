package io.microstructure.input;

import java.util.regex.Pattern;

/**
 * An exception as dead letters and run failures describe it: its message and those of its causes
 * that add something, the same on every run. parquet-mr's errors print objects with the default
 * {@code toString} ({@code PageHeaderStandardScheme@417ad4f3}), whose identity hash differs from
 * run to run; it is left out.
 */
final class FailureText {
  private static final Pattern IDENTITY_HASH =
      Pattern.compile("([A-Za-z_$][\\w$]*)@[0-9a-f]{1,8}(?![\\w.$])");

  private FailureText() {}

  static String of(Throwable e) {
    StringBuilder b = new StringBuilder(own(e));
    for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
      String s = own(c);
      if (b.indexOf(s) < 0) {
        b.append(": ").append(s);
      }
    }
    return IDENTITY_HASH.matcher(b).replaceAll("$1");
  }

  /** The exception's message, or its class name when it has none (an EOFException, say). */
  private static String own(Throwable e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }
}
