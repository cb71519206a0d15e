package io.microstructure.report;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.TickUnit;
import org.jfree.chart.axis.TickUnitSource;

/**
 * Tick steps of 1, 2 and 5 times a power of ten, each labelled as a plain decimal with just the
 * digits the step needs (0.0119 and -500,000,000, not 1.19E-2 and -5E8): the prices of small-cap
 * tokens and cumulative flows read as written. JFreeChart's own source switches to scientific
 * notation, and one long fixed format makes it think every label is wide.
 */
final class PlainTickUnits implements TickUnitSource {
  private static final double[] MANTISSAS = {1, 2, 5};

  @Override
  public TickUnit getLargerTickUnit(TickUnit unit) {
    return unit(next(unit.getSize() * (1 + 1e-9)));
  }

  @Override
  public TickUnit getCeilingTickUnit(TickUnit unit) {
    return getCeilingTickUnit(unit.getSize());
  }

  @Override
  public TickUnit getCeilingTickUnit(double size) {
    return unit(next(size));
  }

  /** The smallest step of the 1-2-5 series that is at least {@code size}. */
  static double next(double size) {
    if (!(size > 0) || Double.isInfinite(size)) {
      return 1;
    }
    int power = (int) Math.floor(Math.log10(size));
    for (int p = power; ; p++) {
      for (double m : MANTISSAS) {
        double step = m * Math.pow(10, p);
        if (step >= size * (1 - 1e-12)) {
          return step;
        }
      }
    }
  }

  private static NumberTickUnit unit(double step) {
    int digits = Math.max(0, -(int) Math.floor(Math.log10(step) + 1e-9));
    DecimalFormat f = new DecimalFormat(
        digits == 0 ? "#,##0" : "#,##0." + "0".repeat(digits), DecimalFormatSymbols.getInstance(Locale.ROOT));
    return new NumberTickUnit(step, f);
  }
}
