package io.microstructure.model;

import java.util.Arrays;

/**
 * One flattened column of book levels (all bid prices of a block, say), held as compactly as its
 * values allow without losing a bit: prices and amounts captured from exchanges are short decimals,
 * so most columns are stored as 32-bit integers scaled by a power of ten ({@code v = digits /
 * 10^e}, checked bit for bit for every value), the rest as plain doubles. Books are most of what a
 * run holds in memory while its markets are grouped; this halves them.
 */
public abstract class LevelValues {
  private static final int MAX_EXPONENT = 12;
  private static final double[] POW10 = new double[MAX_EXPONENT + 1];

  static {
    for (int e = 0; e <= MAX_EXPONENT; e++) {
      POW10[e] = Math.pow(10, e);
    }
  }

  LevelValues() {}

  /** The first n values, in the most compact exact form. */
  public static LevelValues of(double[] values, int n) {
    int[] digits = new int[n];
    int e = 0;
    int i = 0;
    // One pass at the smallest exponent seen to work; a value that needs a larger one restarts it.
    while (i < n) {
      double scale = POW10[e];
      double v = values[i];
      double scaled = v * scale;
      long d = Math.round(scaled);
      if (Math.abs(scaled) < Integer.MAX_VALUE
          && Double.doubleToRawLongBits(d / scale) == Double.doubleToRawLongBits(v)) {
        digits[i++] = (int) d;
      } else if (e < MAX_EXPONENT && Math.abs(scaled) < Integer.MAX_VALUE) {
        e++;
        i = 0;
      } else {
        return new Plain(Arrays.copyOf(values, n));
      }
    }
    return new Scaled(digits, e);
  }

  public abstract int size();

  public abstract double get(int i);

  /** Copies values [from, from + n) to dst[0 .. n). */
  public abstract void copy(int from, double[] dst, int n);

  /** True when values [from, from + n) equal o's [oFrom, oFrom + n) bit for bit. */
  public boolean sameRange(int from, LevelValues o, int oFrom, int n) {
    for (int k = 0; k < n; k++) {
      if (Double.doubleToLongBits(get(from + k)) != Double.doubleToLongBits(o.get(oFrom + k))) {
        return false;
      }
    }
    return true;
  }

  /**
   * The values of the given rows of a flattened level column, in the same form: row r's values
   * are {@code [starts[r], starts[r + 1])}, and land at {@code [newStarts[i], newStarts[i + 1])}
   * for {@code rows[i]}.
   */
  public abstract LevelValues gather(int[] starts, int[] rows, int[] newStarts);

  /** Decimal exponent of the scaled form, or -1 for plain doubles (for coders). */
  public abstract int exponent();

  /** Values as stored by a coder: {@code digits} when exponent ≥ 0, else {@code doubles}. */
  public static LevelValues decoded(int exponent, int[] digits, double[] doubles) {
    return exponent >= 0 ? new Scaled(digits, exponent) : new Plain(doubles);
  }

  /** The int digits of the scaled form (for coders; not to be modified), null when plain. */
  public abstract int[] digits();

  /** The doubles of the plain form (for coders; not to be modified), null when scaled. */
  public abstract double[] doubles();

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof LevelValues)) {
      return false;
    }
    LevelValues v = (LevelValues) o;
    return size() == v.size() && sameRange(0, v, 0, size());
  }

  @Override
  public int hashCode() {
    return size();
  }

  private static final class Scaled extends LevelValues {
    private final int[] digits;
    private final int exponent;
    private final double scale;

    Scaled(int[] digits, int exponent) {
      this.digits = digits;
      this.exponent = exponent;
      this.scale = POW10[exponent];
    }

    @Override
    public int size() {
      return digits.length;
    }

    @Override
    public double get(int i) {
      return digits[i] / scale;
    }

    @Override
    public void copy(int from, double[] dst, int n) {
      for (int k = 0; k < n; k++) {
        dst[k] = digits[from + k] / scale;
      }
    }

    @Override
    public boolean sameRange(int from, LevelValues o, int oFrom, int n) {
      if (o instanceof Scaled && ((Scaled) o).exponent == exponent) {
        return Arrays.equals(digits, from, from + n, ((Scaled) o).digits, oFrom, oFrom + n);
      }
      return super.sameRange(from, o, oFrom, n);
    }

    @Override
    public LevelValues gather(int[] starts, int[] rows, int[] newStarts) {
      int[] out = new int[newStarts[rows.length]];
      for (int i = 0; i < rows.length; i++) {
        int r = rows[i];
        System.arraycopy(digits, starts[r], out, newStarts[i], starts[r + 1] - starts[r]);
      }
      return new Scaled(out, exponent);
    }

    @Override
    public int exponent() {
      return exponent;
    }

    @Override
    public int[] digits() {
      return digits;
    }

    @Override
    public double[] doubles() {
      return null;
    }
  }

  private static final class Plain extends LevelValues {
    private final double[] values;

    Plain(double[] values) {
      this.values = values;
    }

    @Override
    public int size() {
      return values.length;
    }

    @Override
    public double get(int i) {
      return values[i];
    }

    @Override
    public void copy(int from, double[] dst, int n) {
      System.arraycopy(values, from, dst, 0, n);
    }

    @Override
    public LevelValues gather(int[] starts, int[] rows, int[] newStarts) {
      double[] out = new double[newStarts[rows.length]];
      for (int i = 0; i < rows.length; i++) {
        int r = rows[i];
        System.arraycopy(values, starts[r], out, newStarts[i], starts[r + 1] - starts[r]);
      }
      return new Plain(out);
    }

    @Override
    public int exponent() {
      return -1;
    }

    @Override
    public int[] digits() {
      return null;
    }

    @Override
    public double[] doubles() {
      return values;
    }
  }
}
