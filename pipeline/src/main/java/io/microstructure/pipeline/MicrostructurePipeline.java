package io.microstructure.pipeline;

import io.microstructure.features.FeatureParameters;
import io.microstructure.io.CaptureTsUnit;
import io.microstructure.io.FeatureRecords;
import io.microstructure.io.OutputLayout;
import io.microstructure.io.OutputSchemas;
import io.microstructure.io.RejectedRecords;
import io.microstructure.model.OrderBookSnapshot;
import io.microstructure.model.RejectedRow;
import io.microstructure.model.TickerUpdate;
import io.microstructure.model.Trade;
import io.microstructure.transforms.ComputeOrderBookFeatures;
import io.microstructure.transforms.ReadChannel;
import io.microstructure.transforms.WriteParquetTable;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;

/**
 * The batch job: read the three raw channels, compute the order-book hf table and the time bars,
 * write them and the dead letters as Hive-partitioned Parquet.
 */
public final class MicrostructurePipeline {
  private MicrostructurePipeline() {}

  public static void main(String[] args) {
    MicrostructureOptions options =
        PipelineOptionsFactory.fromArgs(args).withValidation().as(MicrostructureOptions.class);
    run(options).waitUntilFinish();
  }

  public static PipelineResult run(MicrostructureOptions options) {
    Pipeline pipeline = Pipeline.create(options);
    buildPipeline(pipeline, options);
    return pipeline.run();
  }

  public static void buildPipeline(Pipeline pipeline, MicrostructureOptions options) {
    FeatureParameters params = featureParameters(options);
    ReadChannel.RawInput raw =
        new ReadChannel.RawInput(
            options.getRawRoot(),
            options.getSource(),
            CaptureTsUnit.parse(options.getCaptureTsUnit()),
            options.getSkipUnreadableFiles());
    OutputLayout out = new OutputLayout(options.getOutputRoot(), options.getSource());

    ReadChannel<OrderBookSnapshot> readBooks = ReadChannel.orderBook(raw);
    ReadChannel<Trade> readTrades = ReadChannel.trades(raw);
    ReadChannel<TickerUpdate> readTicker = ReadChannel.ticker(raw);
    PCollectionTuple books = pipeline.apply("ReadOrderBook", readBooks);
    PCollectionTuple trades = pipeline.apply("ReadTrades", readTrades);
    PCollectionTuple ticker = pipeline.apply("ReadTicker", readTicker);

    PCollectionTuple features =
        PCollectionTuple.of(ComputeOrderBookFeatures.SNAPSHOTS, books.get(readBooks.validTag()))
            .and(ComputeOrderBookFeatures.TRADES, trades.get(readTrades.validTag()))
            .apply("OrderBookFeatures", new ComputeOrderBookFeatures(params));

    features
        .get(ComputeOrderBookFeatures.HF)
        .apply(
            "WriteOrderBookHf",
            WriteParquetTable.of(
                out.orderbookHf(),
                OutputSchemas.orderbookHf(params),
                OutputLayout.hivePartition(),
                new FeatureRecords(OutputSchemas.orderbookHf(params)),
                "orderbook_hf",
                out.temporary("orderbook_hf")));
    for (long d : params.barDurationsSeconds()) {
      features
          .get(ComputeOrderBookFeatures.bars(d))
          .apply(
              "WriteBars" + d + "s",
              WriteParquetTable.of(
                  out.orderbookBars(d),
                  OutputSchemas.orderbookBars(),
                  OutputLayout.hivePartition(),
                  new FeatureRecords(OutputSchemas.orderbookBars()),
                  "orderbook_bars_" + d + "s",
                  out.temporary("orderbook_bars_" + d + "s")));
    }

    PCollection<RejectedRow> rejected =
        PCollectionList.of(books.get(ReadChannel.REJECTED))
            .and(trades.get(ReadChannel.REJECTED))
            .and(ticker.get(ReadChannel.REJECTED))
            .apply("AllRejected", Flatten.pCollections());
    rejected.apply(
        "WriteRejected",
        WriteParquetTable.of(
            out.rejected(),
            OutputSchemas.rejected(),
            (RejectedRow r) -> r.channel(),
            new RejectedRecords(),
            "rejected",
            out.temporary("rejected")));
  }

  /** The feature parameters an options object describes. */
  public static FeatureParameters featureParameters(MicrostructureOptions o) {
    return FeatureParameters.builder()
        .maxLevels(o.getMaxLevels())
        .depthLevels(o.getDepthLevels().stream().mapToInt(Integer::intValue).toArray())
        .depthBandsBps(o.getDepthBandsBps().stream().mapToDouble(Double::doubleValue).toArray())
        .ofiLevels(o.getOfiLevels())
        .ofiDecayAlpha(o.getOfiDecayAlpha())
        .ofiHalfLifeSeconds(o.getOfiHalfLifeSeconds())
        .horizonsSeconds(o.getHorizons().stream().mapToLong(Long::longValue).toArray())
        .barDurationsSeconds(o.getBarDurations().stream().mapToLong(Long::longValue).toArray())
        .maxGapSeconds(o.getMaxGapSeconds())
        .spreadRegimeWindowSeconds(o.getSpreadRegimeWindowSeconds())
        .vpinWindow(o.getVpinWindow())
        .build();
  }
}
