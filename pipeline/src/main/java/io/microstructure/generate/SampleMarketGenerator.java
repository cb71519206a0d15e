package io.microstructure.generate;

import io.microstructure.generate.GenerationManifest.FileEntry;
import io.microstructure.generate.GenerationManifest.Key;
import io.microstructure.model.Channel;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Deterministic sample market in the project's raw input layout (data-contract.md):
 *
 * <pre>
 * &lt;outRoot&gt;/ready/&lt;source&gt;/{orderbook,trades,ticker}/segment_&lt;start&gt;_&lt;end&gt;.parquet
 * &lt;outRoot&gt;/legacy/&lt;source&gt;/segment_&lt;start&gt;_&lt;end&gt;.ndjson.gz
 * &lt;outRoot&gt;/manifest.json
 * </pre>
 *
 * <p>One segment per UTC hour (cut at hour boundaries and at the configured start/end; the name
 * gives the segment's covered interval). Each Parquet file holds every exchange and symbol of its
 * hour in (capture_ts, seq) order; the NDJSON holds all channels in arrival order.
 *
 * <p>Each exchange is one capture process: the rows of all its keys and channels are merged in
 * arrival order and numbered 1, 2, 3... ({@code seq}). Same config, same bytes of row content.
 * Writes only through Beam's {@code FileSystems}, so {@code outRoot} may be any registered Beam
 * filesystem. Prints nothing.
 */
public final class SampleMarketGenerator {
  /** The order in which a segment's files are written and listed in the manifest. */
  private static final List<Channel> WRITE_ORDER =
      List.of(Channel.ORDERBOOK, Channel.TRADES, Channel.TICKER);

  private static final long HOUR = 3_600_000_000L;
  private static final long GAP_MARGIN_MICROS = 30_000_000L;
  private static final DateTimeFormatter SEGMENT_TS =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

  private SampleMarketGenerator() {}

  /**
   * Generates the market described by {@code cfg} under {@code outRoot} (a local directory or a
   * Beam filesystem URI) and returns the manifest that was also written as manifest.json. Files of
   * the same names are replaced; other files under outRoot are left alone.
   */
  public static GenerationManifest generate(GeneratorConfig cfg, String outRoot)
      throws IOException {
    List<Key> keys = new ArrayList<>();
    for (String exchange : cfg.exchanges()) {
      for (String symbol : cfg.symbols()) {
        keys.add(new Key(exchange, symbol));
      }
    }
    Map<Integer, List<long[]>> gapWindows = gapWindows(cfg, keys.size());
    Map<String, LatentPath> paths = new HashMap<>();
    for (String symbol : cfg.symbols()) {
      paths.put(
          symbol,
          new LatentPath(
              cfg.startMicros(),
              Seeds.derive(cfg.seed(), "path", symbol),
              SymbolProfile.of(symbol)));
    }
    List<ExchangeMerge> exchanges = new ArrayList<>();
    int keyIndex = 0;
    for (int e = 0; e < cfg.exchanges().size(); e++) {
      List<KeyStream> streams = new ArrayList<>();
      for (String symbol : cfg.symbols()) {
        streams.add(
            new KeyStream(
                cfg,
                e,
                keyIndex,
                cfg.exchanges().get(e),
                symbol,
                paths.get(symbol),
                gapWindows.getOrDefault(keyIndex, List.of())));
        keyIndex++;
      }
      exchanges.add(new ExchangeMerge(streams));
    }

    ManifestCollector collector = new ManifestCollector(cfg, keys);
    String root = normalizeRoot(outRoot);
    long end = cfg.endMicros();
    long segStart = cfg.startMicros();
    Segment segment = new Segment(cfg, root, segStart, segmentEnd(segStart, end));
    try {
      CaptureRow ev;
      while ((ev = nextGlobal(exchanges)) != null) {
        while (ev.ts >= segment.end) {
          segment.close(collector);
          segment = new Segment(cfg, root, segment.end, segmentEnd(segment.end, end));
        }
        segment.write(ev);
        collector.accept(ev);
      }
      while (segment.end < end) {
        segment.close(collector);
        segment = new Segment(cfg, root, segment.end, segmentEnd(segment.end, end));
      }
      segment.close(collector);
      segment = null;
    } finally {
      if (segment != null) {
        segment.abort();
      }
    }
    GenerationManifest manifest = collector.finish();
    try (OutputStream out = BeamOutputFile.openStream(join(root, GenerationManifest.FILE_NAME))) {
      out.write(manifest.toJson().getBytes(StandardCharsets.UTF_8));
    }
    return manifest;
  }

  /** Joins path segments with '/' (works for local paths and URIs alike). */
  static String join(String root, String... parts) {
    StringBuilder sb = new StringBuilder(stripSlash(root));
    for (String p : parts) {
      sb.append('/').append(p);
    }
    return sb.toString();
  }

  /**
   * The output root as Beam's FileSystems want it: trailing slashes dropped, and a {@code file:}
   * URI turned into a plain path (Beam's local filesystem would take it as a relative name).
   */
  static String normalizeRoot(String outRoot) {
    String root = outRoot.trim();
    if (root.regionMatches(true, 0, "file:", 0, 5)) {
      root = java.nio.file.Paths.get(java.net.URI.create(root)).toString();
    }
    return stripSlash(root);
  }

  private static String stripSlash(String s) {
    String r = s;
    while (r.length() > 1 && r.endsWith("/")) {
      r = r.substring(0, r.length() - 1);
    }
    return r;
  }

  static String segmentName(long startMicros, long endMicros) {
    return "segment_"
        + SEGMENT_TS.format(instant(startMicros))
        + "_"
        + SEGMENT_TS.format(instant(endMicros));
  }

  private static Instant instant(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
  }

  private static long segmentEnd(long segStart, long end) {
    long nextHour = Math.floorDiv(segStart, HOUR) * HOUR + HOUR;
    return Math.min(nextHour, end);
  }

  /**
   * Capture outages: per started hour of data (counted from the start), {@code gapsPerHour} windows
   * of 320-400 s on a key drawn from the seed, at least 30 s from the hour slot's edges. Every
   * channel of that key is silent inside the window.
   */
  static Map<Integer, List<long[]>> gapWindows(GeneratorConfig cfg, int keyCount) {
    Map<Integer, List<long[]>> windows = new HashMap<>();
    long start = cfg.startMicros();
    long end = cfg.endMicros();
    int slot = 0;
    for (long slotStart = start; slotStart < end; slotStart += HOUR, slot++) {
      long slotEnd = Math.min(slotStart + HOUR, end);
      for (int g = 0; g < cfg.gapsPerHour(); g++) {
        Rng rng =
            new Rng(Seeds.derive(cfg.seed(), "gap", Integer.toString(slot), Integer.toString(g)));
        int key = rng.nextInt(keyCount);
        long length = Math.round(rng.uniform(cfg.gapMinSeconds(), cfg.gapMaxSeconds()) * 1e6);
        long earliest = slotStart + GAP_MARGIN_MICROS;
        long latest = slotEnd - GAP_MARGIN_MICROS - length;
        if (latest < earliest) {
          continue; // the slot is too short for a gap
        }
        long from = earliest + rng.nextLong(latest - earliest + 1);
        long[] window = {from, from + length};
        List<long[]> list = windows.computeIfAbsent(key, k -> new ArrayList<>());
        boolean clash =
            list.stream()
                .anyMatch(
                    w ->
                        window[0] < w[1] + GAP_MARGIN_MICROS
                            && w[0] < window[1] + GAP_MARGIN_MICROS);
        if (!clash) {
          list.add(window);
        }
      }
    }
    return windows;
  }

  /** The next row over all exchanges, by (capture_ts, seq, exchange). */
  private static CaptureRow nextGlobal(List<ExchangeMerge> exchanges) {
    ExchangeMerge best = null;
    for (ExchangeMerge x : exchanges) {
      CaptureRow h = x.peek();
      if (h == null) {
        continue;
      }
      if (best == null) {
        best = x;
        continue;
      }
      CaptureRow b = best.peek();
      if (h.ts < b.ts || (h.ts == b.ts && h.seq < b.seq)) {
        best = x;
      }
    }
    return best == null ? null : best.poll();
  }

  /** One capture process: merges its keys in arrival order and numbers the rows. */
  private static final class ExchangeMerge {
    private final KeyStream[] streams;
    private final CaptureRow[] heads;
    private CaptureRow head;
    private long seq;

    ExchangeMerge(List<KeyStream> streams) {
      this.streams = streams.toArray(new KeyStream[0]);
      this.heads = new CaptureRow[this.streams.length];
      for (int i = 0; i < heads.length; i++) {
        heads[i] = this.streams[i].next();
      }
      advance();
    }

    CaptureRow peek() {
      return head;
    }

    CaptureRow poll() {
      CaptureRow h = head;
      advance();
      return h;
    }

    private void advance() {
      int best = -1;
      for (int i = 0; i < heads.length; i++) {
        if (heads[i] != null
            && (best < 0 || CaptureRow.compareArrival(heads[i], heads[best]) < 0)) {
          best = i;
        }
      }
      if (best < 0) {
        head = null;
        return;
      }
      head = heads[best];
      heads[best] = streams[best].next();
      head.seq = ++seq;
    }
  }

  /** The files of one segment. */
  private static final class Segment {
    final long start;
    final long end;
    private final String name;
    private final String root;
    private final String source;
    private final ParquetChannelWriter[] writers = new ParquetChannelWriter[3];
    private final NdjsonWriter ndjson;

    Segment(GeneratorConfig cfg, String root, long start, long end) throws IOException {
      this.start = start;
      this.end = end;
      this.root = root;
      this.source = cfg.source();
      this.name = segmentName(start, end);
      try {
        for (Channel c : WRITE_ORDER) {
          writers[c.ordinal()] = new ParquetChannelWriter(join(root, relParquet(c)), c, cfg);
        }
      } catch (IOException | RuntimeException e) {
        abort();
        throw e;
      }
      this.ndjson =
          cfg.writeNdjson() ? new NdjsonWriter(join(root, relNdjson()), cfg.withSeq()) : null;
    }

    private String relParquet(Channel c) {
      return "ready/" + source + "/" + c.folder() + "/" + name + ".parquet";
    }

    private String relNdjson() {
      return "legacy/" + source + "/" + name + ".ndjson.gz";
    }

    void write(CaptureRow ev) throws IOException {
      writers[ev.channel.ordinal()].write(ev);
      if (ndjson != null) {
        ndjson.write(ev);
      }
    }

    void close(ManifestCollector collector) throws IOException {
      String from = ManifestCollector.iso(start);
      String to = ManifestCollector.iso(end);
      for (Channel c : WRITE_ORDER) {
        ParquetChannelWriter w = writers[c.ordinal()];
        w.close();
        collector.addFile(new FileEntry(relParquet(c), c.folder(), from, to, w.rows()));
      }
      if (ndjson != null) {
        ndjson.close();
        collector.addFile(new FileEntry(relNdjson(), "legacy", from, to, ndjson.rows()));
      }
    }

    void abort() {
      for (ParquetChannelWriter w : writers) {
        if (w != null) {
          try {
            w.close();
          } catch (IOException | RuntimeException ignored) {
            // best effort: the original failure is what matters
          }
        }
      }
      if (ndjson != null) {
        try {
          ndjson.close();
        } catch (IOException | RuntimeException ignored) {
          // best effort
        }
      }
    }
  }
}
