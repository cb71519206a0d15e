package io.microstructure.pipeline;

import io.microstructure.io.ParquetFooters;
import io.microstructure.model.MarketKey;
import io.microstructure.output.OutputLayout;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;

/**
 * What a run left in its output root, read back from Parquet footers: rows per table and per
 * (exchange, symbol) partition. Works the same on every runner and filesystem, since it looks at
 * the files rather than at runner metrics.
 */
public final class OutputSummary {
  private static final Pattern PARTITION =
      Pattern.compile("(.*?)/exchange=([^/]+)/symbol=([^/]+)/date=([^/]+)/[^/]+\\.parquet$");

  /** table → market (from its partition folders, unescaped) → rows. */
  private final Map<String, Map<MarketKey, Long>> rows = new TreeMap<>();

  private final Map<String, Long> rejected = new TreeMap<>();
  private long files;

  public static OutputSummary scan(String outputRoot, String source) throws IOException {
    OutputSummary s = new OutputSummary();
    String root =
        outputRoot.endsWith("/") ? outputRoot.substring(0, outputRoot.length() - 1) : outputRoot;
    String tables = root + "/" + source + "/";
    for (MatchResult.Metadata m : match(tables + "**/exchange=*/symbol=*/date=*/*.parquet")) {
      String path = m.resourceId().toString();
      Matcher mm = PARTITION.matcher(path);
      if (!mm.find()) {
        continue;
      }
      String table = mm.group(1).substring(mm.group(1).indexOf(tables) + tables.length());
      s.rows
          .computeIfAbsent(table, t -> new TreeMap<>())
          .merge(
              OutputLayout.marketOf(path).orElseThrow(),
              ParquetFooters.rowCount(m.resourceId()),
              Long::sum);
      s.files++;
    }
    for (MatchResult.Metadata m : match(root + "/_rejected/*/*.parquet")) {
      String path = m.resourceId().toString();
      String channel = path.substring(0, path.lastIndexOf('/'));
      channel = channel.substring(channel.lastIndexOf('/') + 1);
      s.rejected.merge(channel, ParquetFooters.rowCount(m.resourceId()), Long::sum);
    }
    return s;
  }

  private static List<MatchResult.Metadata> match(String glob) throws IOException {
    MatchResult r = FileSystems.match(glob, EmptyMatchTreatment.ALLOW);
    return r.status() == MatchResult.Status.OK ? r.metadata() : List.of();
  }

  public Map<String, Map<MarketKey, Long>> rowsPerTableAndKey() {
    return rows;
  }

  public long rows(String table) {
    return rows.getOrDefault(table, Map.of()).values().stream().mapToLong(Long::longValue).sum();
  }

  public Map<String, Long> rejectedPerChannel() {
    return rejected;
  }

  public long files() {
    return files;
  }
}
