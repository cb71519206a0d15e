package io.microstructure.testing;

import io.microstructure.coders.OrderBookSnapshotCoder;
import io.microstructure.coders.TickerUpdateCoder;
import io.microstructure.coders.TradeCoder;
import io.microstructure.model.BookBlock;
import io.microstructure.model.FeatureBlock;
import io.microstructure.model.FeatureRow;
import io.microstructure.model.OrderBookSnapshot;
import io.microstructure.model.TickerBlock;
import io.microstructure.model.TickerUpdate;
import io.microstructure.model.Trade;
import io.microstructure.model.TradeBlock;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.transforms.FlatMapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;

/** Blocks back to one element per row, so that tests can assert on rows. */
public final class Rows {
  private Rows() {}

  public static PTransform<PCollection<BookBlock>, PCollection<OrderBookSnapshot>> snapshots() {
    return new PTransform<PCollection<BookBlock>, PCollection<OrderBookSnapshot>>() {
      @Override
      public PCollection<OrderBookSnapshot> expand(PCollection<BookBlock> blocks) {
        return blocks
            .apply(
                FlatMapElements.into(TypeDescriptor.of(OrderBookSnapshot.class))
                    .via(BookBlock::snapshots))
            .setCoder(OrderBookSnapshotCoder.of());
      }
    };
  }

  public static PTransform<PCollection<TradeBlock>, PCollection<Trade>> trades() {
    return new PTransform<PCollection<TradeBlock>, PCollection<Trade>>() {
      @Override
      public PCollection<Trade> expand(PCollection<TradeBlock> blocks) {
        return blocks
            .apply(FlatMapElements.into(TypeDescriptor.of(Trade.class)).via(TradeBlock::trades))
            .setCoder(TradeCoder.of());
      }
    };
  }

  public static PTransform<PCollection<TickerBlock>, PCollection<TickerUpdate>> tickers() {
    return new PTransform<PCollection<TickerBlock>, PCollection<TickerUpdate>>() {
      @Override
      public PCollection<TickerUpdate> expand(PCollection<TickerBlock> blocks) {
        return blocks
            .apply(
                FlatMapElements.into(TypeDescriptor.of(TickerUpdate.class))
                    .via(TickerBlock::updates))
            .setCoder(TickerUpdateCoder.of());
      }
    };
  }

  public static PTransform<PCollection<FeatureBlock>, PCollection<FeatureRow>> features() {
    return new PTransform<PCollection<FeatureBlock>, PCollection<FeatureRow>>() {
      @Override
      public PCollection<FeatureRow> expand(PCollection<FeatureBlock> blocks) {
        return blocks
            .apply(
                FlatMapElements.into(TypeDescriptor.of(FeatureRow.class))
                    .via(
                        (FeatureBlock b) -> {
                          List<FeatureRow> rows = new ArrayList<>(b.size());
                          for (int i = 0; i < b.size(); i++) {
                            rows.add(b.row(i));
                          }
                          return rows;
                        }))
            .setCoder(io.microstructure.coders.FeatureRowCoder.of());
      }
    };
  }
}
