package io.microstructure.features;

/**
 * Neumaier-compensated sum: the result is (almost always) the correctly rounded sum whatever the
 * order of additions, which keeps partial aggregates merged in any order by a runner in agreement.
 */
public final class CompensatedSum {
  private double sum;
  private double compensation;

  public void add(double v) {
    double t = sum + v;
    if (Math.abs(sum) >= Math.abs(v)) {
      compensation += (sum - t) + v;
    } else {
      compensation += (v - t) + sum;
    }
    sum = t;
  }

  public void add(CompensatedSum other) {
    add(other.sum);
    add(other.compensation);
  }

  public double value() {
    return sum + compensation;
  }

  /** Raw parts, for serialisation. */
  public double sumPart() {
    return sum;
  }

  public double compensationPart() {
    return compensation;
  }

  public void set(double sumPart, double compensationPart) {
    this.sum = sumPart;
    this.compensation = compensationPart;
  }

  public void reset() {
    sum = 0;
    compensation = 0;
  }
}
