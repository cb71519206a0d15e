package io.microstructure.report;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The information coefficient of every numeric feature of a frame: Spearman's rank correlation
 * ({@link Spearman}) of the feature with each forward return {@code fwd_return_H} of the frame,
 * over the rows where both are non-null. Features are the numeric columns that are quantities
 * (not flags, not times) and not themselves forward returns, in the table's column order.
 *
 * @param horizons the forward-return columns, by horizon
 */
public record InformationCoefficients(List<String> horizons, List<Row> rows) {
  public static final Pattern FORWARD_RETURN = Pattern.compile("fwd_return_(\\d+)");

  /** One feature: its IC at each horizon, in {@link #horizons} order. */
  public record Row(String feature, List<Spearman.Result> ics) {
    public Row {
      ics = List.copyOf(ics);
    }
  }

  public InformationCoefficients {
    horizons = List.copyOf(horizons);
    rows = List.copyOf(rows);
  }

  public static InformationCoefficients of(Frame frame) {
    List<Column.Numbers> labels = new ArrayList<>();
    List<Column.Numbers> features = new ArrayList<>();
    for (Column c : frame.columns().values()) {
      if (!(c instanceof Column.Numbers n) || !n.kind().isQuantity()) {
        continue;
      }
      if (FORWARD_RETURN.matcher(n.name()).matches()) {
        labels.add(n);
      } else {
        features.add(n);
      }
    }
    labels.sort(Comparator.comparingLong(InformationCoefficients::horizon));
    List<RankOrder> labelOrders = labels.stream().map(l -> RankOrder.of(l.values())).toList();
    // Features with the same null rows share, per horizon, the pairwise-complete rows and so the
    // label's ranks over them (most features are null only at run starts): those are computed once
    // per null pattern, and each feature then takes one pass over its own sorted order.
    Map<BitSet, Pairs[]> byPattern = new HashMap<>();
    List<Pairs[]> pairs = new ArrayList<>();
    for (Column.Numbers f : features) {
      pairs.add(byPattern.computeIfAbsent(missing(f.values()), m -> pairs(m, labelOrders)));
    }
    // Features are independent: spread them over the cores (a sort and a pass each per horizon).
    List<Row> rows = java.util.stream.IntStream.range(0, features.size())
        .parallel()
        .mapToObj(k -> {
          RankOrder x = RankOrder.of(features.get(k).values());
          List<Spearman.Result> ics = new ArrayList<>();
          for (Pairs p : pairs.get(k)) {
            ics.add(
                p.count() < Spearman.MIN_PAIRS
                    ? new Spearman.Result(Double.NaN, p.count())
                    : new Spearman.Result(x.rankCorrelation(p.count(), p.labelRanks()), p.count()));
          }
          return new Row(features.get(k).name(), ics);
        })
        .toList();
    return new InformationCoefficients(labels.stream().map(Column.Numbers::name).toList(), rows);
  }

  private static BitSet missing(double[] values) {
    BitSet b = new BitSet(values.length);
    for (int i = 0; i < values.length; i++) {
      if (Double.isNaN(values[i])) {
        b.set(i);
      }
    }
    return b;
  }

  /** How many rows of a null pattern pair with a label, and the label's ranks over them (NaN elsewhere). */
  private record Pairs(int count, double[] labelRanks) {}

  private static Pairs[] pairs(BitSet missing, List<RankOrder> labels) {
    Pairs[] out = new Pairs[labels.size()];
    for (int h = 0; h < out.length; h++) {
      RankOrder y = labels.get(h);
      boolean[] rows = new boolean[y.length()];
      int count = 0;
      for (int i = 0; i < rows.length; i++) {
        rows[i] = !missing.get(i) && !Double.isNaN(y.value(i));
        if (rows[i]) {
          count++;
        }
      }
      out[h] = new Pairs(count, count < Spearman.MIN_PAIRS ? null : y.ranks(rows));
    }
    return out;
  }

  /** The horizon of a forward-return column in seconds. */
  static long horizon(Column.Numbers label) {
    Matcher m = FORWARD_RETURN.matcher(label.name());
    return m.matches() ? Long.parseLong(m.group(1)) : Long.MAX_VALUE;
  }

  /** The row of {@code feature}, if it is one. */
  public java.util.Optional<Row> row(String feature) {
    return rows.stream().filter(r -> r.feature().equals(feature)).findFirst();
  }

  /** The IC of {@code feature} at {@code horizon} (a column name, e.g. fwd_return_60). */
  public java.util.Optional<Spearman.Result> ic(String feature, String horizon) {
    int h = horizons.indexOf(horizon);
    return h < 0 ? java.util.Optional.empty() : row(feature).map(r -> r.ics().get(h));
  }

  /** Mean IC per feature and horizon over several markets' tables (undefined ICs left out). */
  public static Map<String, double[]> meanByFeature(List<InformationCoefficients> all, List<String> horizons) {
    Map<String, double[]> sums = new java.util.LinkedHashMap<>();
    Map<String, int[]> counts = new java.util.LinkedHashMap<>();
    for (InformationCoefficients ic : all) {
      for (Row r : ic.rows()) {
        double[] s = sums.computeIfAbsent(r.feature(), k -> new double[horizons.size()]);
        int[] c = counts.computeIfAbsent(r.feature(), k -> new int[horizons.size()]);
        for (int h = 0; h < horizons.size(); h++) {
          int at = ic.horizons().indexOf(horizons.get(h));
          if (at >= 0 && r.ics().get(at).defined()) {
            s[h] += r.ics().get(at).rho();
            c[h]++;
          }
        }
      }
    }
    sums.forEach(
        (f, s) -> {
          int[] c = counts.get(f);
          for (int h = 0; h < s.length; h++) {
            s[h] = c[h] == 0 ? Double.NaN : s[h] / c[h];
          }
        });
    return sums;
  }
}
