package io.microstructure.input;

import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.io.ParquetDecodingException;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * One book column (bids or asks) resolved to its leaf columns and the definition/repetition levels
 * that mark its structure ({@link BookColumnLayout} works them out from the schema), and the decode
 * of one row's part of it into {@link BookLevels}.
 *
 * <p>Definition-level thresholds: below {@code dList} the list is null, below {@code dAny} it is
 * empty, below {@code dLevel} a level is null, below {@code dInnerAny} (pairs) a pair is empty; a
 * leaf value is present at its max definition level. Repetition levels: {@code rElem} starts
 * another level of the same row, {@code rInner} (pairs) another value of a pair.
 */
final class BookColumn {
  final boolean pairs;
  final Leaf price; // pairs: the single value leaf; struct: null when the level has no price
  final Leaf amount; // pairs: null; struct: null when the level has no amount
  final NumberColumn priceNumbers;
  final NumberColumn amountNumbers;
  final int dList;
  final int dAny;
  final int dLevel;
  final int dInnerAny;
  final int rElem;
  final int rInner;

  BookColumn(
      boolean pairs,
      Leaf price,
      Leaf amount,
      NumberColumn priceNumbers,
      NumberColumn amountNumbers,
      int dList,
      int dAny,
      int dLevel,
      int dInnerAny,
      int rElem,
      int rInner) {
    this.pairs = pairs;
    this.price = price;
    this.amount = amount;
    this.priceNumbers = priceNumbers;
    this.amountNumbers = amountNumbers;
    this.dList = dList;
    this.dAny = dAny;
    this.dLevel = dLevel;
    this.dInnerAny = dInnerAny;
    this.rElem = rElem;
    this.rInner = rInner;
  }

  /** Reads this column's part of the current row into {@code side}. */
  void read(ColumnReader priceReader, ColumnReader amountReader, BookLevels side) {
    if (pairs) {
      readPairs(priceReader, side);
    } else {
      readStructs(priceReader, amountReader, side);
    }
  }

  private void readStructs(ColumnReader p, ColumnReader a, BookLevels s) {
    ColumnReader driver = p != null ? p : a;
    int d = driver.getCurrentDefinitionLevel();
    s.n = 0;
    if (d < dAny) {
      s.nullList = d < dList;
      next(p, price);
      next(a, amount);
      return;
    }
    s.nullList = false;
    while (true) {
      int i = s.add();
      if (driver.getCurrentDefinitionLevel() < dLevel) {
        s.nullLevel(i);
      } else {
        s.size[i] = 2;
        int nulls = 0;
        if (p != null && p.getCurrentDefinitionLevel() == price.maxDef) {
          s.price[i] = price.read(p, priceNumbers);
        } else {
          s.price[i] = Double.NaN;
          nulls |= BookLevels.NULL_PRICE;
        }
        if (a != null && a.getCurrentDefinitionLevel() == amount.maxDef) {
          s.amount[i] = amount.read(a, amountNumbers);
        } else {
          s.amount[i] = Double.NaN;
          nulls |= BookLevels.NULL_AMOUNT;
        }
        s.nulls[i] = (byte) nulls;
      }
      next(p, price);
      next(a, amount);
      int r = driver.getCurrentRepetitionLevel();
      if (p != null && a != null && a.getCurrentRepetitionLevel() != r) {
        throw new ParquetDecodingException("price and amount columns disagree on book levels");
      }
      if (r != rElem) {
        return;
      }
    }
  }

  private void readPairs(ColumnReader c, BookLevels s) {
    int d = c.getCurrentDefinitionLevel();
    s.n = 0;
    if (d < dAny) {
      s.nullList = d < dList;
      next(c, price);
      return;
    }
    s.nullList = false;
    int max = price.maxDef;
    while (true) {
      int i = s.add();
      if (d < dLevel) {
        s.nullLevel(i);
        next(c, price);
      } else if (d < dInnerAny) {
        s.size[i] = 0;
        s.price[i] = Double.NaN;
        s.amount[i] = Double.NaN;
        s.nulls[i] = BookLevels.NULL_PRICE | BookLevels.NULL_AMOUNT;
        next(c, price);
      } else {
        int nulls = BookLevels.NULL_AMOUNT;
        if (d == max) {
          s.price[i] = price.read(c, priceNumbers);
        } else {
          s.price[i] = Double.NaN;
          nulls |= BookLevels.NULL_PRICE;
        }
        s.amount[i] = Double.NaN;
        next(c, price);
        int size = 1;
        while (c.getCurrentRepetitionLevel() == rInner) {
          size++;
          if (size == 2 && c.getCurrentDefinitionLevel() == max) {
            s.amount[i] = price.read(c, amountNumbers);
            nulls &= ~BookLevels.NULL_AMOUNT;
          }
          next(c, price);
        }
        s.size[i] = size;
        s.nulls[i] = (byte) nulls;
      }
      if (c.getCurrentRepetitionLevel() != rElem) {
        return;
      }
      d = c.getCurrentDefinitionLevel();
    }
  }

  /** Moves past the current value (skipping it unless read). */
  private static void next(ColumnReader r, Leaf leaf) {
    if (r == null) {
      return;
    }
    if (r.getCurrentDefinitionLevel() == leaf.maxDef) {
      r.skip();
    }
    r.consume();
  }

  /** A numeric leaf of a book level and how its values become doubles. */
  static final class Leaf {
    final ColumnDescriptor column;
    final int maxDef;
    final PrimitiveTypeName type;

    Leaf(ColumnDescriptor column) {
      this.column = column;
      this.maxDef = column.getMaxDefinitionLevel();
      this.type = column.getPrimitiveType().getPrimitiveTypeName();
    }

    double read(ColumnReader r, NumberColumn numbers) {
      switch (type) {
        case DOUBLE:
          return numbers.ofDouble(r.getDouble());
        case FLOAT:
          return numbers.ofFloat(r.getFloat());
        case INT64:
          return numbers.ofLong(r.getLong());
        case INT32:
          return numbers.ofLong(r.getInteger());
        default:
          return numbers.ofUnscaled(r.getBinary().getBytes());
      }
    }
  }
}
