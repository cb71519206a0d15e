package io.microstructure.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * The dead letters of one channel ({@code _rejected/<channel>/}) counted by column and kind of
 * reason: reasons that differ only in their numbers ({@code level 3: price -1.0 is not finite and >
 * 0}, {@code level 7: price 0.0 …}) are one kind, shown with the numbers as {@code N} and one
 * example. Dead letters are not partitioned by market, so they are the whole root's, whatever the
 * report selects.
 *
 * @param rows dead letters in the folder
 * @param reasons kinds of reason by rows, most first
 */
public record DeadLetters(String channel, long rows, List<Reason> reasons) {
  private static final java.util.regex.Pattern NUMBER =
      java.util.regex.Pattern.compile("-?\\d+(\\.\\d+)?([eE]-?\\d+)?");

  /** One kind of rejection; column null for a whole file. */
  public record Reason(String column, String kind, String example, long rows) {}

  /** {@code reason} with every number as {@code N}. */
  static String kind(String reason) {
    return reason == null ? "" : NUMBER.matcher(reason).replaceAll("N");
  }

  public DeadLetters {
    reasons = List.copyOf(reasons);
  }

  static DeadLetters read(String channel, List<ResourceId> files) throws IOException {
    Frame f = FlatParquetReader.read(files, c -> c.equals("reason") || c.equals("column"));
    String[] reason = f.texts("reason").map(Column.Texts::values).orElse(new String[f.rows()]);
    String[] column = f.texts("column").map(Column.Texts::values).orElse(new String[f.rows()]);
    Map<List<String>, long[]> counts = new HashMap<>();
    Map<List<String>, String> examples = new HashMap<>();
    for (int i = 0; i < f.rows(); i++) {
      List<String> key = java.util.Arrays.asList(column[i], kind(reason[i]));
      counts.computeIfAbsent(key, k -> new long[1])[0]++;
      String r = reason[i] == null ? "" : reason[i];
      examples.merge(key, r, (a, b) -> a.compareTo(b) <= 0 ? a : b); // the same example every time
    }
    List<Reason> reasons = new ArrayList<>();
    counts.forEach((k, n) -> reasons.add(new Reason(k.get(0), k.get(1), examples.get(k), n[0])));
    reasons.sort(
        Comparator.comparingLong(Reason::rows).reversed()
            .thenComparing(r -> String.valueOf(r.column()))
            .thenComparing(Reason::kind));
    return new DeadLetters(channel, f.rows(), reasons);
  }
}
