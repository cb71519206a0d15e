package io.microstructure.pipeline;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a run computes ({@code --mode}). Beam parses the option itself: {@link #parse} takes either
 * case, and the value is written back in lower case, as users type it.
 */
public enum Mode {
  /** The full feature set: structural ParDo, per-market replay, bars. */
  HYBRID,
  /** Structural features only, no shuffle. */
  VECTORIZED;

  /** {@code hybrid} or {@code vectorized}, any case. */
  @JsonCreator
  public static Mode parse(String s) {
    for (Mode m : values()) {
      if (m.name().equalsIgnoreCase(s.trim())) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "unknown mode '"
            + s
            + "' ("
            + Arrays.stream(values()).map(Mode::toString).collect(Collectors.joining(", "))
            + ")");
  }

  @JsonValue
  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
