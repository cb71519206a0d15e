package io.microstructure.report;

import java.util.ArrayList;
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
    // Each column sorted once; every (feature, horizon) pair then ranks in linear time.
    List<RankOrder> labelOrders = labels.stream().map(l -> RankOrder.of(l.values())).toList();
    List<Row> rows = new ArrayList<>();
    for (Column.Numbers f : features) {
      RankOrder x = RankOrder.of(f.values());
      List<Spearman.Result> ics = new ArrayList<>();
      for (RankOrder y : labelOrders) {
        ics.add(Spearman.of(x, y));
      }
      rows.add(new Row(f.name(), ics));
    }
    return new InformationCoefficients(labels.stream().map(Column.Numbers::name).toList(), rows);
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
