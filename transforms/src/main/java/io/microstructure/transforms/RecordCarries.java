package io.microstructure.transforms;

import io.microstructure.coders.MarketKeyCoder;
import io.microstructure.coders.SideValueCoder;
import io.microstructure.coders.WrittenFileCoder;
import io.microstructure.engine.CarriesFile;
import io.microstructure.engine.ChunkPlan;
import io.microstructure.engine.LastTickers;
import io.microstructure.engine.MarketCarry;
import io.microstructure.engine.MarketChunks;
import io.microstructure.engine.Resume;
import io.microstructure.io.TextFiles;
import io.microstructure.model.MarketKey;
import io.microstructure.output.WrittenFile;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * An incremental run's carries at its resume points, merged from their parts per (market, point)
 * (the regime's and the trades' made by the replays, the last ticker's and the context start's
 * here) and written as one staged {@link CarriesFile}: the commit moves it to {@code
 * _state/carries/<run-id>.json} with the run's tables, so the recorded state is always that of a
 * complete run.
 */
final class RecordCarries
    extends PTransform<PCollection<KV<KV<MarketKey, Long>, MarketCarry>>, PCollection<WrittenFile>> {
  private static final long serialVersionUID = 1L;

  private final Resume resume;
  private final ReplayTables tables;
  private final PCollectionView<Map<MarketKey, MarketChunks>> chunks;
  private final long lookAhead;

  RecordCarries(
      Resume resume,
      ReplayTables tables,
      PCollectionView<Map<MarketKey, MarketChunks>> chunks,
      long lookAhead) {
    this.resume = resume;
    this.tables = tables;
    this.chunks = chunks;
    this.lookAhead = lookAhead;
  }

  /** The coder of the carries' parts, by (market, point). */
  static KvCoder<KV<MarketKey, Long>, MarketCarry> partCoder() {
    return KvCoder.of(
        KvCoder.of(MarketKeyCoder.of(), VarLongCoder.of()), SideValueCoder.of(MarketCarry.class));
  }

  /** The last ticker update before each point: this run's, or the one carried in. */
  static PCollection<KV<KV<MarketKey, Long>, MarketCarry>> tickerParts(
      PCollection<KV<MarketKey, LastTickers>> perMarket,
      PCollectionView<Map<MarketKey, MarketChunks>> chunks,
      Resume resume,
      ChunkPlan plan,
      long lookAhead) {
    return atEveryPoint(
        "TickerCarries",
        perMarket,
        chunks,
        resume,
        lookAhead,
        (market, last, point) ->
            MarketCarry.ofTicker(
                LastTickers.Update.later(
                    last.updateBefore(plan.chunkOf(point)), resume.carry(market).lastTicker)));
  }

  /** Where the chunk at each point starts reading: the next run's choice of segments. */
  static PCollection<KV<KV<MarketKey, Long>, MarketCarry>> contextParts(
      PCollection<KV<MarketKey, MarketChunks>> perMarket,
      PCollectionView<Map<MarketKey, MarketChunks>> chunks,
      Resume resume,
      ChunkPlan plan,
      long lookAhead) {
    return atEveryPoint(
        "ContextCarries",
        perMarket,
        chunks,
        resume,
        lookAhead,
        (market, m, point) -> MarketCarry.ofContextStart(m.bookContextStart(plan.chunkOf(point))));
  }

  /** A part of a market's carry at a point, from a value of the market. */
  private interface PartAt<T> extends java.io.Serializable {
    MarketCarry of(MarketKey market, T value, long point);
  }

  private static <T> PCollection<KV<KV<MarketKey, Long>, MarketCarry>> atEveryPoint(
      String name,
      PCollection<KV<MarketKey, T>> perMarket,
      PCollectionView<Map<MarketKey, MarketChunks>> chunks,
      Resume resume,
      long lookAhead,
      PartAt<T> part) {
    return perMarket
        .apply(
            name,
            ParDo.of(
                    new DoFn<KV<MarketKey, T>, KV<KV<MarketKey, Long>, MarketCarry>>() {
                      @ProcessElement
                      public void process(
                          @Element KV<MarketKey, T> e,
                          OutputReceiver<KV<KV<MarketKey, Long>, MarketCarry>> o,
                          ProcessContext c) {
                        for (long point :
                            resume.recordedPoints(c.sideInput(chunks).values(), lookAhead)) {
                          o.output(
                              KV.of(
                                  KV.of(e.getKey(), point),
                                  part.of(e.getKey(), e.getValue(), point)));
                        }
                      }
                    })
                .withSideInputs(chunks))
        .setCoder(partCoder());
  }

  @Override
  public PCollection<WrittenFile> expand(PCollection<KV<KV<MarketKey, Long>, MarketCarry>> parts) {
    PCollectionView<List<KV<KV<MarketKey, Long>, MarketCarry>>> merged =
        parts
            .apply(
                "MergeParts",
                Combine.perKey(
                    (SerializableFunction<Iterable<MarketCarry>, MarketCarry>)
                        all -> {
                          MarketCarry m = null;
                          for (MarketCarry part : all) {
                            m = m == null ? part : m.merge(part);
                          }
                          return m;
                        }))
            .apply("AllCarries", View.asList());
    return parts
        .getPipeline()
        .apply("OneFile", Create.of(1).withCoder(VarIntCoder.of()))
        .apply("WriteCarries", ParDo.of(new WriteFn(this, merged)).withSideInputs(merged, chunks))
        .setCoder(WrittenFileCoder.of());
  }

  private static final class WriteFn extends DoFn<Integer, WrittenFile> {
    private static final long serialVersionUID = 1L;
    private final Resume resume;
    private final ReplayTables tables;
    private final PCollectionView<Map<MarketKey, MarketChunks>> chunks;
    private final long lookAhead;
    private final PCollectionView<List<KV<KV<MarketKey, Long>, MarketCarry>>> merged;

    WriteFn(
        RecordCarries spec, PCollectionView<List<KV<KV<MarketKey, Long>, MarketCarry>>> merged) {
      this.resume = spec.resume;
      this.tables = spec.tables;
      this.chunks = spec.chunks;
      this.lookAhead = spec.lookAhead;
      this.merged = merged;
    }

    @ProcessElement
    public void process(ProcessContext c) throws IOException {
      Map<MarketKey, Map<Long, MarketCarry>> byMarket = new HashMap<>();
      for (KV<KV<MarketKey, Long>, MarketCarry> e : c.sideInput(merged)) {
        byMarket
            .computeIfAbsent(e.getKey().getKey(), k -> new TreeMap<>())
            .put(e.getKey().getValue(), e.getValue());
      }
      List<Long> points =
          List.copyOf(resume.recordedPoints(c.sideInput(chunks).values(), lookAhead));
      // What no step made (a market without trades, or absent, this run) is what it carried in.
      for (MarketKey market : resume.carries().keySet()) {
        byMarket.putIfAbsent(market, new TreeMap<>());
      }
      byMarket.forEach(
          (market, carries) -> {
            MarketCarry carried = resume.carry(market);
            for (long p : points) {
              carries.put(p, carries.getOrDefault(p, new MarketCarry()).orElse(carried));
            }
          });
      CarriesFile file = CarriesFile.of(resume, points, byMarket);
      // The commit names it after the run.
      String path = tables.stagingRoot() + "/carries/carries.json";
      TextFiles.write(path, file.toJson());
      c.output(
          new WrittenFile(
              tables.outputRoot(),
              CarriesFile.FOLDER,
              path,
              0,
              byMarket.size(),
              List.of()));
    }
  }
}
