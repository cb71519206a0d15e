package io.microstructure.generate;

import io.microstructure.generate.GenerationManifest.CaptureGap;
import io.microstructure.generate.GenerationManifest.FileEntry;
import io.microstructure.generate.GenerationManifest.Key;
import io.microstructure.generate.GenerationManifest.KeyStats;
import io.microstructure.model.Channel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Counts what is written, row by row, in the global write order (capture_ts nondecreasing). */
final class ManifestCollector {
  static final long GAP_THRESHOLD_MICROS = 300_000_000L;

  private final GeneratorConfig cfg;
  private final List<Key> keys;
  private final long[] rows = new long[3];
  private final long[] invalid = new long[3];
  private final List<Map<String, Long>> invalidByReason = new ArrayList<>();
  private final long[] duplicates = new long[3];
  private long crossed;
  private long locked;
  private long emptyBids;
  private long emptyAsks;
  private long tradesShared;
  private long tradesBefore;
  private long tradesAfter;
  private long tickersShared;
  private long firstTs = Long.MAX_VALUE;
  private long lastTs = Long.MIN_VALUE;
  private final KeyState[] keyStates;
  private final List<CaptureGap> gaps = new ArrayList<>();
  private final List<FileEntry> files = new ArrayList<>();

  private static final class KeyState {
    final long[] clean = new long[3];
    final long[] lastCleanTs = {Long.MIN_VALUE, Long.MIN_VALUE, Long.MIN_VALUE};
    long crossedOrLocked;
    long oneSided;
    long gaps;
    // capture_ts group for the same-ts counts
    long groupTs = Long.MIN_VALUE;
    int groupSnapshots;
    long groupMinSnapshotSeq = Long.MAX_VALUE;
    long[] groupTradeSeqs = new long[4];
    int groupTrades;
    int groupTickers;
  }

  ManifestCollector(GeneratorConfig cfg, List<Key> keys) {
    this.cfg = cfg;
    this.keys = keys;
    for (Channel c : Channel.values()) {
      Map<String, Long> m = new LinkedHashMap<>();
      for (InvalidReason r : InvalidReason.forChannel(c)) {
        m.put(r.key(), 0L);
      }
      invalidByReason.add(m);
    }
    keyStates = new KeyState[keys.size()];
    for (int i = 0; i < keyStates.length; i++) {
      keyStates[i] = new KeyState();
    }
  }

  void addFile(FileEntry entry) {
    files.add(entry);
  }

  void accept(CaptureRow ev) {
    int c = ev.channel.ordinal();
    rows[c]++;
    if (!ev.nullCaptureTs) {
      firstTs = Math.min(firstTs, ev.ts);
      lastTs = Math.max(lastTs, ev.ts);
    }
    if (!ev.isValid()) {
      invalid[c]++;
      invalidByReason.get(c).merge(ev.invalid.key(), 1L, Long::sum);
      return;
    }
    KeyState k = keyStates[ev.keyIndex];
    sameTimestamp(k, ev);
    if (ev.duplicate) {
      duplicates[c]++;
      return;
    }
    k.clean[c]++;
    long last = k.lastCleanTs[c];
    if (last != Long.MIN_VALUE && ev.ts - last > GAP_THRESHOLD_MICROS) {
      gaps.add(
          new CaptureGap(
              ev.exchange,
              ev.symbol,
              ev.channel.folder(),
              iso(last),
              iso(ev.ts),
              last,
              ev.ts,
              (ev.ts - last) / 1e6));
      k.gaps++;
    }
    k.lastCleanTs[c] = ev.ts;
    if (ev.channel == Channel.ORDERBOOK) {
      if (ev.bidCount == 0 || ev.askCount == 0) {
        k.oneSided++;
        if (ev.bidCount == 0) {
          emptyBids++;
        } else {
          emptyAsks++;
        }
      } else {
        double bid = ev.levelPrice(1, 0);
        double ask = ev.levelPrice(2, 0);
        if (bid >= ask) {
          k.crossedOrLocked++;
          if (bid > ask) {
            crossed++;
          } else {
            locked++;
          }
        }
      }
    }
  }

  private void sameTimestamp(KeyState k, CaptureRow ev) {
    if (ev.ts != k.groupTs) {
      closeGroup(k);
      k.groupTs = ev.ts;
    }
    switch (ev.channel) {
      case ORDERBOOK:
        k.groupSnapshots++;
        k.groupMinSnapshotSeq = Math.min(k.groupMinSnapshotSeq, ev.seq);
        break;
      case TRADES:
        if (k.groupTrades == k.groupTradeSeqs.length) {
          k.groupTradeSeqs = java.util.Arrays.copyOf(k.groupTradeSeqs, 2 * k.groupTrades);
        }
        k.groupTradeSeqs[k.groupTrades++] = ev.seq;
        break;
      default:
        k.groupTickers++;
        break;
    }
  }

  private void closeGroup(KeyState k) {
    if (k.groupSnapshots > 0) {
      for (int i = 0; i < k.groupTrades; i++) {
        tradesShared++;
        if (k.groupTradeSeqs[i] < k.groupMinSnapshotSeq) {
          tradesBefore++;
        } else {
          tradesAfter++;
        }
      }
      tickersShared += k.groupTickers;
    }
    k.groupSnapshots = 0;
    k.groupMinSnapshotSeq = Long.MAX_VALUE;
    k.groupTrades = 0;
    k.groupTickers = 0;
  }

  GenerationManifest finish() {
    for (KeyState k : keyStates) {
      closeGroup(k);
    }
    int ob = Channel.ORDERBOOK.ordinal();
    int tr = Channel.TRADES.ordinal();
    int tk = Channel.TICKER.ordinal();
    List<KeyStats> perKey = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      KeyState k = keyStates[i];
      perKey.add(
          new KeyStats(
              keys.get(i).exchange(),
              keys.get(i).symbol(),
              k.clean[ob],
              k.clean[tr],
              k.clean[tk],
              k.crossedOrLocked,
              k.oneSided,
              k.gaps));
    }
    boolean any = firstTs != Long.MAX_VALUE;
    GenerationManifest.TimeSpan span =
        new GenerationManifest.TimeSpan(
            cfg.start().toString(),
            cfg.end().toString(),
            cfg.startMicros(),
            cfg.endMicros(),
            any ? iso(firstTs) : null,
            any ? iso(lastTs) : null,
            any ? firstTs : 0,
            any ? lastTs : 0);
    GenerationManifest.Settings settings =
        new GenerationManifest.Settings(
            cfg.start().toString(),
            cfg.end().toString(),
            cfg.duration().toNanos() / 1e9,
            cfg.seed(),
            cfg.exchanges(),
            cfg.symbols(),
            cfg.source(),
            cfg.snapshotHz(),
            cfg.bookLevels(),
            cfg.bookLayout().name(),
            cfg.legacyLists(),
            cfg.withSeq(),
            cfg.writeNdjson(),
            cfg.cleanOnly(),
            cfg.edgeCaseRates(),
            cfg.gapsPerHour(),
            cfg.tradeRateScale(),
            cfg.rowGroupRows());
    return new GenerationManifest(
        GenerationManifest.FORMAT_VERSION,
        SampleMarketGenerator.class.getName(),
        settings,
        span,
        List.copyOf(keys),
        new GenerationManifest.OrderbookStats(
            rows[ob],
            invalid[ob],
            invalidByReason.get(ob),
            duplicates[ob],
            rows[ob] - invalid[ob] - duplicates[ob],
            crossed,
            locked,
            crossed + locked,
            emptyBids,
            emptyAsks,
            emptyBids + emptyAsks),
        new GenerationManifest.TradeStats(
            rows[tr],
            invalid[tr],
            invalidByReason.get(tr),
            duplicates[tr],
            rows[tr] - invalid[tr] - duplicates[tr],
            tradesShared,
            tradesBefore,
            tradesAfter),
        new GenerationManifest.TickerStats(
            rows[tk],
            invalid[tk],
            invalidByReason.get(tk),
            rows[tk] - invalid[tk] - duplicates[tk],
            tickersShared),
        GAP_THRESHOLD_MICROS / 1e6,
        List.copyOf(gaps),
        perKey,
        List.copyOf(files));
  }

  static String iso(long micros) {
    return Instant.ofEpochSecond(
            Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L)
        .toString();
  }
}
