package io.microstructure.cli;

import java.lang.reflect.Field;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * A flag the command does not know, and the one the user probably meant: {@code --raw_root} is
 * {@code --raw-root} spelt another way. Flags are compared without case, dashes and underscores.
 */
final class UnknownFlag {
  private UnknownFlag() {}

  /** {@code --raw_root=x} → {@code --raw_root}. */
  static String name(String arg) {
    int eq = arg.indexOf('=');
    return eq < 0 ? arg : arg.substring(0, eq);
  }

  /**
   * The option of {@code command} (a picocli command class) that {@code arg} spells differently,
   * if any; empty for an argument that is not a flag or is one of the command's own.
   */
  static Optional<String> closeTo(String arg, Class<?> command) {
    if (!arg.startsWith("-")) {
      return Optional.empty();
    }
    String name = name(arg);
    String key = normalised(name);
    for (Field f : command.getDeclaredFields()) {
      Option o = f.getAnnotation(Option.class);
      if (o == null) {
        continue;
      }
      for (String known : o.names()) {
        if (!known.equals(name) && normalised(known).equals(key)) {
          return Optional.of(known);
        }
      }
    }
    return Optional.empty();
  }

  private static String normalised(String flag) {
    return flag.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
  }
}
