package io.microstructure.input;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The run's setting for a capture_ts stored as a plain int64 (no timestamp logical type): {@code
 * auto} (the default: detected per file, {@link CaptureTsDetection}) or a fixed unit that overrides
 * detection. A timestamp logical type always wins.
 */
public enum CaptureTsUnitSetting {
  AUTO(null),
  MS(CaptureTsUnit.MILLIS),
  US(CaptureTsUnit.MICROS),
  NS(CaptureTsUnit.NANOS);

  private final CaptureTsUnit unit;

  CaptureTsUnitSetting(CaptureTsUnit unit) {
    this.unit = unit;
  }

  /** The fixed unit, or null for {@link #AUTO}. */
  public CaptureTsUnit unit() {
    return unit;
  }

  /**
   * {@code auto}, {@code ms}, {@code us} or {@code ns} (and the long names), any case (Beam parses
   * {@code --captureTsUnit} so).
   */
  @JsonCreator
  public static CaptureTsUnitSetting parse(String s) {
    if (s == null || s.trim().equalsIgnoreCase("auto")) {
      return AUTO;
    }
    try {
      switch (CaptureTsUnit.parse(s.trim())) {
        case MILLIS:
          return MS;
        case NANOS:
          return NS;
        default:
          return US;
      }
    } catch (IllegalArgumentException e) {
      // No cause: Jackson, parsing the option, shows the innermost message.
      throw new IllegalArgumentException("unknown time unit '" + s + "' (auto, ms, us, ns)");
    }
  }

  @JsonValue
  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
