package io.microstructure.engine;

import io.microstructure.features.FeatureParameters;
import io.microstructure.features.TimeBarAccumulator;
import io.microstructure.input.AvroRowGroupReader;
import io.microstructure.input.BookRow;
import io.microstructure.input.CaptureTsUnit;
import io.microstructure.input.ColumnarOrderBookReader;
import io.microstructure.input.ColumnarParity;
import io.microstructure.input.MarketBlocks;
import io.microstructure.input.RowDecoder;
import io.microstructure.input.RowGroupReader;
import io.microstructure.input.RowSink;
import io.microstructure.input.TickerDecoder;
import io.microstructure.input.TradeDecoder;
import io.microstructure.io.ParquetRecords;
import io.microstructure.model.CaptureTsRange;
import io.microstructure.model.EventBlock;
import io.microstructure.model.FeatureBlock;
import io.microstructure.model.MarketKey;
import io.microstructure.model.RawRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Not a test: the engine without Beam, single-threaded, on a raw root (e.g. the bench's): read
 * every channel into blocks, group them by market, sort and replay each market with sinks that only
 * count. Prints the thread CPU of each phase, to tell the engine's own cost from the runner's.
 *
 * <pre>
 * java -cp ... io.microstructure.engine.EngineTiming RAW_ROOT [RUNS]
 * </pre>
 */
public final class EngineTiming {
  private EngineTiming() {}

  public static void main(String[] args) throws Exception {
    Path root = Paths.get(args[0]);
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    java.lang.management.ThreadMXBean threads =
        java.lang.management.ManagementFactory.getThreadMXBean();
    for (int run = 1; run <= runs; run++) {
      Map<MarketKey, List<EventBlock>> markets = new LinkedHashMap<>();
      long t0 = threads.getCurrentThreadCpuTime();
      long books = read(root, "orderbook", markets, null);
      long t1 = threads.getCurrentThreadCpuTime();
      CaptureTsRange range = CaptureTsRange.defaults();
      long trades = read(root, "trades", markets, new TradeDecoder(CaptureTsUnit.MICROS, range));
      read(root, "ticker", markets, new TickerDecoder(CaptureTsUnit.MICROS, range));
      long t2 = threads.getCurrentThreadCpuTime();
      FeatureParameters params = FeatureParameters.defaults();
      SnapshotReplay snapshots = new SnapshotReplay(params);
      TradeReplay tradeReplay = new TradeReplay(params);
      TickerReplay tickers = new TickerReplay();
      long[] rows = new long[1];
      long sortNanos = 0;
      long bookNanos = 0;
      long otherNanos = 0;
      for (Map.Entry<MarketKey, List<EventBlock>> m : markets.entrySet()) {
        long a = threads.getCurrentThreadCpuTime();
        MarketEvents events = MarketEvents.of(m.getValue());
        events.sortByReconstructedOrder();
        long b = threads.getCurrentThreadCpuTime();
        snapshots.replay(
            m.getKey().exchange(),
            m.getKey().symbol(),
            events,
            new SnapshotReplay.Sink() {
              @Override
              public void rows(FeatureBlock block) {
                rows[0] += block.size();
              }

              @Override
              public void bar(long d, long start, TimeBarAccumulator partial) {}
            });
        long c = threads.getCurrentThreadCpuTime();
        tradeReplay.replay(
            m.getKey().exchange(),
            m.getKey().symbol(),
            events,
            new TradeReplay.Sink() {
              @Override
              public void trades(FeatureBlock block) {
                rows[0] += block.size();
              }

              @Override
              public void volumeBars(FeatureBlock block) {}
            });
        tickers.replay(
            m.getKey().exchange(), m.getKey().symbol(), events, b2 -> rows[0] += b2.size());
        long d = threads.getCurrentThreadCpuTime();
        sortNanos += b - a;
        bookNanos += c - b;
        otherNanos += d - c;
      }
      System.out.printf(
          Locale.ROOT,
          "run %d: %,d snapshots, %,d trades; CPU s: read books %.2f, read trades+ticker %.2f,"
              + " index+sort %.2f, book replay %.2f, trade+ticker replay %.2f (%,d rows)%n",
          run,
          books,
          trades,
          (t1 - t0) / 1e9,
          (t2 - t1) / 1e9,
          sortNanos / 1e9,
          bookNanos / 1e9,
          otherNanos / 1e9,
          rows[0]);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static long read(
      Path root, String channel, Map<MarketKey, List<EventBlock>> markets, RowDecoder<?> decoder)
      throws Exception {
    List<Path> files;
    try (Stream<Path> s = Files.list(root.resolve("ready/ccxt/" + channel))) {
      files =
          s.filter(f -> f.toString().endsWith(".parquet")).sorted().collect(Collectors.toList());
    }
    long[] count = new long[1];
    MarketBlocks.Kind kind =
        channel.equals("orderbook")
            ? MarketBlocks.BOOKS
            : channel.equals("trades") ? MarketBlocks.TRADES : MarketBlocks.TICKERS;
    for (Path f : files) {
      MarketBlocks blocks =
          new MarketBlocks(
              kind,
              b -> {
                EventBlock e = (EventBlock) b;
                count[0] += e.size();
                markets.computeIfAbsent(e.key(), k -> new ArrayList<>()).add(e);
              });
      RowSink sink =
          new RowSink<RawRow>() {
            @Override
            public void accept(RawRow value) {
              blocks.add(value);
            }

            @Override
            public void acceptBook(BookRow row) {
              blocks.addBook(row);
            }

            @Override
            public void reject(long row, String column, String reason, String record) {}
          };
      try (var r = ColumnarParity.open(f)) {
        RowGroupReader groups =
            decoder == null
                ? ColumnarOrderBookReader.of(
                    f.toString(), r, CaptureTsUnit.MICROS, CaptureTsRange.defaults())
                : AvroRowGroupReader.of(
                    f.toString(), r, ParquetRecords.readConfiguration(), decoder);
        long first = 0;
        for (int g = 0; g < r.getRowGroups().size(); g++) {
          first += groups.readRowGroup(first, sink);
          blocks.flush();
        }
      }
    }
    return count[0];
  }
}
