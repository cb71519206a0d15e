package io.microstructure.input;

import io.microstructure.model.CaptureTsRange;
import io.microstructure.model.Channel;
import io.microstructure.model.Trade;
import org.apache.avro.Schema;
import org.apache.parquet.schema.MessageType;

/** Trade rows to {@link Trade}; side must be exactly {@code buy} or {@code sell}. */
public final class TradeDecoder implements RowDecoder<Trade> {
  private static final long serialVersionUID = 1L;
  private final CaptureTsUnit plainInt64Unit;
  private final CaptureTsRange captureTsRange;
  private final ColumnNames names;

  /**
   * @param plainInt64Unit the unit of a capture_ts stored as a plain int64
   * @param captureTsRange the capture times the run accepts
   */
  public TradeDecoder(CaptureTsUnit plainInt64Unit, CaptureTsRange captureTsRange) {
    this(plainInt64Unit, captureTsRange, ColumnNames.BUILT_IN);
  }

  /**
   * @param names which file column holds each of the contract's columns
   */
  public TradeDecoder(
      CaptureTsUnit plainInt64Unit, CaptureTsRange captureTsRange, ColumnNames names) {
    this.plainInt64Unit = plainInt64Unit;
    this.captureTsRange = captureTsRange;
    this.names = names;
  }

  @Override
  public TradeDecoder withPlainInt64Unit(CaptureTsUnit unit) {
    return unit == plainInt64Unit ? this : new TradeDecoder(unit, captureTsRange, names);
  }

  @Override
  public Bound<Trade> bind(String file, MessageType fileSchema, Schema recordSchema) {
    Fields f = new Fields(file, recordSchema, fileSchema, Channel.TRADES, names);
    KeyColumns key =
        new KeyColumns(file, fileSchema, recordSchema, plainInt64Unit, captureTsRange, f);
    int id = f.optional("id");
    int side = f.required("side");
    int price = f.requiredNumber("price");
    int amount = f.requiredNumber("amount");
    NumberColumn priceNumbers = f.numbers("price");
    NumberColumn amountNumbers = f.numbers("amount");
    return (r, row, out) -> {
      if (!key.read(r, out)) {
        return;
      }
      String s = Fields.string(r, side);
      boolean buy = "buy".equals(s);
      if (!buy && !"sell".equals(s)) {
        out.reject("side", s == null ? "side is null" : "side '" + s + "' is not buy or sell");
        return;
      }
      double p = priceNumbers.read(r.get(price));
      if (!Fields.isPrice(p)) {
        out.reject("price", Fields.priceProblem(p));
        return;
      }
      double a = amountNumbers.read(r.get(amount));
      if (!Fields.isAmount(a)) {
        out.reject("amount", Fields.amountProblem(a));
        return;
      }
      out.accept(
          new Trade(
              key.currentExchange,
              key.currentSymbol,
              key.currentCaptureTs,
              key.currentSeq,
              key.fileKey,
              row,
              Fields.string(r, id),
              buy,
              p,
              a));
    };
  }
}
