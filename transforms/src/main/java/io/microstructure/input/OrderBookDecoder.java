package io.microstructure.input;

import io.microstructure.model.CaptureTsRange;
import io.microstructure.model.Channel;
import io.microstructure.model.OrderBookSnapshot;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.schema.MessageType;

/**
 * Order-book rows to {@link OrderBookSnapshot}. Accepts both book layouts of the contract, {@code
 * list<struct<price, amount>>} and {@code list<list<double>>}, as parquet-avro presents them for
 * 3-level and legacy 2-level lists. A null bids or asks list is an empty side (a one-sided book);
 * any level with an invalid price or amount rejects the whole row, and so does a side that is not
 * strictly ordered ({@link BookSideReasons}).
 */
public final class OrderBookDecoder implements RowDecoder<OrderBookSnapshot> {
  private static final long serialVersionUID = 1L;
  private static final double[] EMPTY = new double[0];
  private final CaptureTsUnit plainInt64Unit;
  private final CaptureTsRange captureTsRange;
  private final ColumnNames names;

  /**
   * @param plainInt64Unit the unit of a capture_ts stored as a plain int64
   * @param captureTsRange the capture times the run accepts
   */
  public OrderBookDecoder(CaptureTsUnit plainInt64Unit, CaptureTsRange captureTsRange) {
    this(plainInt64Unit, captureTsRange, ColumnNames.BUILT_IN);
  }

  /**
   * @param names which file column holds each of the contract's columns
   */
  public OrderBookDecoder(
      CaptureTsUnit plainInt64Unit, CaptureTsRange captureTsRange, ColumnNames names) {
    this.plainInt64Unit = plainInt64Unit;
    this.captureTsRange = captureTsRange;
    this.names = names;
  }

  @Override
  public OrderBookDecoder withPlainInt64Unit(CaptureTsUnit unit) {
    return unit == plainInt64Unit ? this : new OrderBookDecoder(unit, captureTsRange, names);
  }

  @Override
  public Bound<OrderBookSnapshot> bind(String file, MessageType fileSchema, Schema recordSchema) {
    Fields f = new Fields(file, recordSchema, fileSchema, Channel.ORDERBOOK, names);
    KeyColumns key =
        new KeyColumns(file, fileSchema, recordSchema, plainInt64Unit, captureTsRange, f);
    int bids = f.required("bids");
    int asks = f.required("asks");
    Levels bidLevels = levels(f, f.name("bids"));
    Levels askLevels = levels(f, f.name("asks"));
    return (r, row, out) -> {
      if (!key.read(r, out)) {
        return;
      }
      BookSide bid = BookSide.parse(r.get(bids), bidLevels);
      String problem = bid.problem("bids");
      if (problem != null) {
        out.reject("bids", problem);
        return;
      }
      BookSide ask = BookSide.parse(r.get(asks), askLevels);
      problem = ask.problem("asks");
      if (problem != null) {
        out.reject("asks", problem);
        return;
      }
      out.accept(
          new OrderBookSnapshot(
              key.currentExchange,
              key.currentSymbol,
              key.currentCaptureTs,
              key.currentSeq,
              key.fileKey,
              row,
              bid.price,
              bid.amount,
              ask.price,
              ask.amount));
    };
  }

  private static Levels levels(Fields f, String column) {
    String price = f.levelField(column, "price");
    String amount = f.levelField(column, "amount");
    return new Levels(
        f.bookNumbers(column, price), f.bookNumbers(column, amount), price, amount);
  }

  /** Readers of a side's price and amount leaves, and their names in a level struct. */
  static final class Levels {
    final NumberColumn price;
    final NumberColumn amount;
    final String priceField;
    final String amountField;

    Levels(NumberColumn price, NumberColumn amount) {
      this(price, amount, "price", "amount");
    }

    Levels(NumberColumn price, NumberColumn amount, String priceField, String amountField) {
      this.price = price;
      this.amount = amount;
      this.priceField = priceField;
      this.amountField = amountField;
    }
  }

  /** One side of a book parsed from either layout. */
  static final class BookSide {
    double[] price = EMPTY;
    double[] amount = EMPTY;
    String levelProblem;

    static BookSide parse(Object list, Levels numbers) {
      BookSide side = new BookSide();
      if (list == null) {
        return side;
      }
      List<?> levels = (List<?>) list;
      int n = levels.size();
      side.price = new double[n];
      side.amount = new double[n];
      for (int i = 0; i < n; i++) {
        Object level = unwrap(levels.get(i));
        double p;
        double a;
        if (level instanceof GenericRecord) {
          GenericRecord rec = (GenericRecord) level;
          p = numberField(rec, numbers.priceField, numbers.price);
          a = numberField(rec, numbers.amountField, numbers.amount);
        } else if (level instanceof List) {
          List<?> pair = (List<?>) level;
          if (pair.size() < 2) {
            return side.fail(BookSideReasons.shortLevel(i + 1, pair.size()));
          }
          p = numbers.price.read(pair.get(0));
          a = numbers.amount.read(pair.get(1));
        } else {
          return side.fail(BookSideReasons.nullLevel(i + 1));
        }
        String bad = BookSideReasons.badValues(i + 1, p, a);
        if (bad != null) {
          return side.fail(bad);
        }
        side.price[i] = p;
        side.amount[i] = a;
      }
      return side;
    }

    /**
     * Why the side is invalid: its first bad level, else its order ({@link BookSideReasons}); null
     * when it is valid.
     */
    String problem(String side) {
      if (levelProblem != null) {
        return levelProblem;
      }
      return BookSideReasons.order(side, price, price.length);
    }

    private BookSide fail(String why) {
      levelProblem = why;
      return this;
    }

    private static double numberField(GenericRecord rec, String name, NumberColumn numbers) {
      Schema.Field f = rec.getSchema().getField(name);
      return numbers.read(f == null ? null : rec.get(f.pos()));
    }

    /** Some writers wrap each list element in a one-field record; look through it. */
    private static Object unwrap(Object level) {
      if (level instanceof GenericRecord) {
        GenericRecord rec = (GenericRecord) level;
        List<Schema.Field> fields = rec.getSchema().getFields();
        if (fields.size() == 1) {
          return rec.get(0);
        }
      }
      return level;
    }
  }
}
