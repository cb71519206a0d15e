package io.microstructure.input;

import io.microstructure.model.CaptureTsRange;
import io.microstructure.model.Channel;
import io.microstructure.model.TickerUpdate;
import org.apache.avro.Schema;
import org.apache.parquet.schema.MessageType;

/**
 * Ticker rows to {@link TickerUpdate}. Every value column is nullable; a present price-like value
 * (bid, ask, last, open, high, low, close, vwap) must be finite and > 0 and a present volume
 * (bid_volume, ask_volume, base_volume, quote_volume) finite and >= 0. change and percentage may be
 * negative.
 */
public final class TickerDecoder implements RowDecoder<TickerUpdate> {
  private static final long serialVersionUID = 1L;
  private static final String[] PRICES = {
    "bid", "ask", "last", "open", "high", "low", "close", "vwap"
  };
  private static final String[] AMOUNTS = {
    "bid_volume", "ask_volume", "base_volume", "quote_volume"
  };
  private final CaptureTsUnit plainInt64Unit;
  private final CaptureTsRange captureTsRange;
  private final ColumnNames names;

  /**
   * @param plainInt64Unit the unit of a capture_ts stored as a plain int64
   * @param captureTsRange the capture times the run accepts
   */
  public TickerDecoder(CaptureTsUnit plainInt64Unit, CaptureTsRange captureTsRange) {
    this(plainInt64Unit, captureTsRange, ColumnNames.BUILT_IN);
  }

  /**
   * @param names which file column holds each of the contract's columns
   */
  public TickerDecoder(
      CaptureTsUnit plainInt64Unit, CaptureTsRange captureTsRange, ColumnNames names) {
    this.plainInt64Unit = plainInt64Unit;
    this.captureTsRange = captureTsRange;
    this.names = names;
  }

  @Override
  public TickerDecoder withPlainInt64Unit(CaptureTsUnit unit) {
    return unit == plainInt64Unit ? this : new TickerDecoder(unit, captureTsRange, names);
  }

  @Override
  public Bound<TickerUpdate> bind(String file, MessageType fileSchema, Schema recordSchema) {
    Fields f = new Fields(file, recordSchema, fileSchema, Channel.TICKER, names);
    KeyColumns key =
        new KeyColumns(file, fileSchema, recordSchema, plainInt64Unit, captureTsRange, f);
    int[] prices = new int[PRICES.length];
    NumberColumn[] priceNumbers = new NumberColumn[PRICES.length];
    for (int i = 0; i < PRICES.length; i++) {
      prices[i] = f.optionalNumber(PRICES[i]);
      priceNumbers[i] = f.numbers(PRICES[i]);
    }
    int[] amounts = new int[AMOUNTS.length];
    NumberColumn[] amountNumbers = new NumberColumn[AMOUNTS.length];
    for (int i = 0; i < AMOUNTS.length; i++) {
      amounts[i] = f.optionalNumber(AMOUNTS[i]);
      amountNumbers[i] = f.numbers(AMOUNTS[i]);
    }
    int percentage = f.optionalNumber("percentage");
    NumberColumn percentageNumbers = f.numbers("percentage");
    return (r, row, out) -> {
      if (!key.read(r, out)) {
        return;
      }
      double[] p = new double[prices.length];
      for (int i = 0; i < prices.length; i++) {
        Object v = Fields.get(r, prices[i]);
        p[i] = priceNumbers[i].read(v);
        if (v != null && !Fields.isPrice(p[i])) {
          out.reject(PRICES[i], Fields.priceProblem(p[i]));
          return;
        }
      }
      double[] a = new double[amounts.length];
      for (int i = 0; i < amounts.length; i++) {
        Object v = Fields.get(r, amounts[i]);
        a[i] = amountNumbers[i].read(v);
        if (v != null && !Fields.isAmount(a[i])) {
          out.reject(AMOUNTS[i], Fields.amountProblem(a[i]));
          return;
        }
      }
      out.accept(
          new TickerUpdate(
              key.currentExchange,
              key.currentSymbol,
              key.currentCaptureTs,
              key.currentSeq,
              key.fileKey,
              row,
              p[0],
              p[1],
              p[2],
              a[2],
              a[3],
              percentageNumbers.read(Fields.get(r, percentage))));
    };
  }
}
