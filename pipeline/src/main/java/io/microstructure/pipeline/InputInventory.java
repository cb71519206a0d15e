package io.microstructure.pipeline;

import io.microstructure.input.ColumnNames;
import io.microstructure.input.SegmentDiscovery;
import io.microstructure.io.BeamInputFile;
import io.microstructure.io.ParquetRecords;
import io.microstructure.io.SegmentFiles;
import io.microstructure.model.Channel;
import io.microstructure.model.MarketFilter;
import io.microstructure.model.MarketKey;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.avro.AvroReadSupport;
import org.apache.parquet.hadoop.ParquetReader;

/**
 * What an input holds, found without running the pipeline: files per channel with sizes (found by
 * {@link SegmentDiscovery}'s rule, the pipeline's), the files that rule skips, the time span their
 * segment names cover, and the markets in them with the UTC dates each appears on (read from the
 * exchange and symbol columns only). Backs the dry run, the check that filters match and the list
 * of skipped files in the run summary.
 */
public final class InputInventory {
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
  private static final Pattern NDJSON_KEY =
      Pattern.compile("\"exchange\"\\s*:\\s*\"([^\"]*)\".*?\"symbol\"\\s*:\\s*\"([^\"]*)\"");

  /** One input file. */
  /**
   * A file found: its size, modification time (epoch ms; 0 when the file system gives none) and
   * the span its name gives (0 when it gives none).
   */
  public record InputFile(
      String path, long bytes, long startSeconds, long endSeconds, long modifiedMillis) {
    public InputFile(String path, long bytes, long startSeconds, long endSeconds) {
      this(path, bytes, startSeconds, endSeconds, 0);
    }
  }

  private final Map<Channel, List<InputFile>> files = new EnumMap<>(Channel.class);
  private final List<SegmentDiscovery.Skipped> skipped = new ArrayList<>();
  private final List<InputFile> legacyFiles = new ArrayList<>();
  private final Map<MarketKey, TreeSet<String>> dates = new TreeMap<>();

  /** The channel-split layout under a raw root; markets are read only when {@code withMarkets}. */
  public static InputInventory ofRawRoot(
      String rawRoot, String source, Set<Channel> channels, boolean withMarkets)
      throws IOException {
    return ofRawRoot(rawRoot, source, channels, withMarkets, ColumnNames.BUILT_IN);
  }

  /** As above, the exchange and symbol columns found by {@code names}. */
  public static InputInventory ofRawRoot(
      String rawRoot, String source, Set<Channel> channels, boolean withMarkets, ColumnNames names)
      throws IOException {
    InputInventory inv = new InputInventory();
    for (Channel c : channels) {
      String folder = SegmentDiscovery.channelFolder(rawRoot, source, c);
      List<InputFile> list = new ArrayList<>();
      for (MatchResult.Metadata m : match(SegmentDiscovery.glob(folder))) {
        String path = m.resourceId().toString();
        SegmentDiscovery.Verdict verdict = SegmentDiscovery.classify(folder, path);
        if (verdict != SegmentDiscovery.Verdict.SEGMENT) {
          inv.skipped.add(
              new SegmentDiscovery.Skipped(
                  c, path, SegmentDiscovery.relative(folder, path), verdict));
          continue;
        }
        InputFile f = inputFile(m);
        list.add(f);
        if (withMarkets) {
          inv.readMarkets(
              f,
              names.candidates(c, "exchange"),
              names.candidates(c, "symbol"));
        }
      }
      list.sort((a, b) -> a.path().compareTo(b.path()));
      inv.files.put(c, list);
    }
    inv.skipped.sort((a, b) -> a.path().compareTo(b.path()));
    return inv;
  }

  /** A legacy NDJSON input (markets found by a cheap scan of each line's exchange and symbol). */
  public static InputInventory ofLegacy(String filepattern, boolean withMarkets)
      throws IOException {
    InputInventory inv = new InputInventory();
    for (MatchResult.Metadata m : match(filepattern)) {
      InputFile f = inputFile(m);
      inv.legacyFiles.add(f);
      if (withMarkets) {
        inv.scanLegacy(f);
      }
    }
    inv.legacyFiles.sort((a, b) -> a.path().compareTo(b.path()));
    return inv;
  }

  /**
   * The segments that had arrived by {@code untilSeconds}: those starting before it, and those
   * whose name gives no time.
   */
  public InputInventory arrivedBefore(long untilSeconds) {
    InputInventory inv = new InputInventory();
    files.forEach(
        (c, fs) ->
            inv.files.put(
                c,
                fs.stream()
                    .filter(f -> f.startSeconds() <= 0 || f.startSeconds() < untilSeconds)
                    .toList()));
    inv.skipped.addAll(skipped);
    return inv;
  }

  public Map<Channel, List<InputFile>> files() {
    return files;
  }

  /** Files found under the channel folders and not read (hidden, not segment_*.parquet …). */
  public List<SegmentDiscovery.Skipped> skipped() {
    return skipped;
  }

  /** True when no channel listed holds a file to read. */
  public boolean isEmpty() {
    return files.values().stream().allMatch(List::isEmpty) && legacyFiles.isEmpty();
  }

  public List<InputFile> legacyFiles() {
    return legacyFiles;
  }

  /** Markets found, with the UTC dates of the segments they appear in. */
  public Map<MarketKey, TreeSet<String>> markets() {
    return dates;
  }

  /** The markets a filter keeps. */
  public Map<MarketKey, TreeSet<String>> markets(MarketFilter filter) {
    Map<MarketKey, TreeSet<String>> kept = new TreeMap<>();
    dates.forEach(
        (k, d) -> {
          if (filter.accepts(k.exchange(), k.symbol())) {
            kept.put(k, d);
          }
        });
    return kept;
  }

  /** Earliest segment start and latest segment end over all files, epoch seconds (0 if none). */
  public long[] span() {
    long start = Long.MAX_VALUE;
    long end = Long.MIN_VALUE;
    List<InputFile> all = new ArrayList<>(legacyFiles);
    files.values().forEach(all::addAll);
    for (InputFile f : all) {
      if (f.startSeconds() > 0) {
        start = Math.min(start, f.startSeconds());
        end = Math.max(end, f.endSeconds());
      }
    }
    return start == Long.MAX_VALUE ? new long[] {0, 0} : new long[] {start, end};
  }

  /** The markets of a file: its exchange and symbol columns, by the first name present of each. */
  private void readMarkets(InputFile f, List<String> exchangeNames, List<String> symbolNames)
      throws IOException {
    List<String> fields = new ArrayList<>();
    for (String n : exchangeNames) {
      if (isAvroName(n) && !fields.contains(n)) {
        fields.add(n);
      }
    }
    for (String n : symbolNames) {
      if (isAvroName(n) && !fields.contains(n)) {
        fields.add(n);
      }
    }
    SchemaBuilder.FieldAssembler<Schema> a = SchemaBuilder.record("Key").fields();
    for (String n : fields) {
      a = a.optionalString(n);
    }
    Schema projection = a.endRecord();
    Configuration conf = ParquetRecords.readConfiguration();
    AvroReadSupport.setRequestedProjection(conf, projection);
    AvroReadSupport.setAvroReadSchema(conf, projection);
    SeekableByteChannel channel =
        (SeekableByteChannel) FileSystems.open(FileSystems.matchNewResource(f.path(), false));
    Set<MarketKey> keys = new TreeSet<>();
    try (ParquetReader<GenericRecord> reader =
        AvroParquetReader.<GenericRecord>builder(new BeamInputFile(f.path(), channel))
            .withConf(conf)
            .build()) {
      for (GenericRecord r = reader.read(); r != null; r = reader.read()) {
        Object ex = first(r, exchangeNames);
        Object sym = first(r, symbolNames);
        if (ex != null && sym != null) {
          keys.add(MarketKey.of(ex.toString(), sym.toString()));
        }
      }
    } catch (RuntimeException e) {
      throw new IOException(f.path() + ": " + e.getMessage(), e);
    }
    addDates(keys, f);
  }

  private static boolean isAvroName(String n) {
    return n.matches("[A-Za-z_][A-Za-z0-9_]*");
  }

  private static Object first(GenericRecord r, List<String> names) {
    for (String n : names) {
      if (r.getSchema().getField(n) != null && r.get(n) != null) {
        return r.get(n);
      }
    }
    return null;
  }

  private void scanLegacy(InputFile f) throws IOException {
    InputStream in =
        Channels.newInputStream(FileSystems.open(FileSystems.matchNewResource(f.path(), false)));
    if (f.path().endsWith(".gz")) {
      in = new GZIPInputStream(in, 1 << 16);
    }
    Set<MarketKey> keys = new TreeSet<>();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        Matcher m = NDJSON_KEY.matcher(line);
        if (m.find()) {
          keys.add(MarketKey.of(m.group(1), m.group(2)));
        }
      }
    }
    addDates(keys, f);
  }

  private void addDates(Set<MarketKey> keys, InputFile f) {
    TreeSet<String> fileDates = new TreeSet<>();
    if (f.startSeconds() > 0) {
      for (long t = f.startSeconds(); t < f.endSeconds(); t += 86_400 - Math.floorMod(t, 86_400)) {
        fileDates.add(DATE.format(Instant.ofEpochSecond(t)));
      }
    }
    for (MarketKey k : keys) {
      dates.computeIfAbsent(k, x -> new TreeSet<>()).addAll(fileDates);
    }
  }

  private static InputFile inputFile(MatchResult.Metadata m) {
    String path = m.resourceId().toString();
    long start = SegmentFiles.segmentStartEpochSeconds(path);
    long end = SegmentFiles.segmentEndEpochSeconds(path);
    long modified = m.lastModifiedMillis();
    return new InputFile(path, m.sizeBytes(), start, Math.max(end, start + 1), modified);
  }

  private static List<MatchResult.Metadata> match(String glob) throws IOException {
    MatchResult r = FileSystems.match(glob, EmptyMatchTreatment.ALLOW);
    return r.status() == MatchResult.Status.OK ? r.metadata() : List.of();
  }
}
