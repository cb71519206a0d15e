package io.microstructure.bench;

import java.util.Locale;

/** Number formats of the bench tables: precision that suits any magnitude, "–" for unknown. */
final class Format {
  static final String UNKNOWN = "–";

  private Format() {}

  /** Three significant figures or whole seconds: 0.412, 7.31, 71.0, 1,234. */
  static String seconds(double s) {
    if (s >= 100) {
      return String.format(Locale.ROOT, "%,.0f", s);
    }
    if (s >= 10) {
      return String.format(Locale.ROOT, "%.1f", s);
    }
    if (s >= 1) {
      return String.format(Locale.ROOT, "%.2f", s);
    }
    return String.format(Locale.ROOT, "%.3f", s);
  }

  /** Mebibytes, or "–" for a negative (unknown) size. */
  static String mb(long bytes) {
    return bytes < 0 ? UNKNOWN : String.format(Locale.ROOT, "%,d", bytes / (1024 * 1024));
  }

  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** A ratio with about two significant figures: 0.042×, 0.53×, 4.2×, 12×. */
  static String ratio(double r) {
    if (r >= 10) {
      return String.format(Locale.ROOT, "%.0f×", r);
    }
    if (r >= 1) {
      return String.format(Locale.ROOT, "%.1f×", r);
    }
    if (r >= 0.1) {
      return String.format(Locale.ROOT, "%.2f×", r);
    }
    return String.format(Locale.ROOT, "%.3f×", r);
  }

  /** A per-unit figure, e.g. µs or bytes per snapshot, with at least three significant digits. */
  static String perUnit(double v) {
    if (v >= 100) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    if (v >= 10) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    return String.format(Locale.ROOT, "%.2f", v);
  }
}
