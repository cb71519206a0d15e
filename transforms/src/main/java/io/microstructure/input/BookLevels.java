package io.microstructure.input;

import java.util.Arrays;

/**
 * The levels of one side (bids or asks) of the row {@link ColumnarOrderBookReader} is on, in
 * growable primitive arrays reused by every row of a file. Besides price and amount, each level
 * keeps how many values it held and which were null: the checks ({@link BookChecks}) and the
 * rejection text ({@link RejectedBookJson}) tell those cases apart.
 */
final class BookLevels {
  static final int NULL_PRICE = 1;
  static final int NULL_AMOUNT = 2;

  /** Prices; NaN where null or absent ({@link #nulls} says which). */
  double[] price = new double[32];

  double[] amount = new double[32];

  /** Values a level holds: 2 for a struct level, the pair's size for a pair, -1 when null. */
  int[] size = new int[32];

  /** {@link #NULL_PRICE} and {@link #NULL_AMOUNT} bits of each level. */
  byte[] nulls = new byte[32];

  /** Levels of the current row. */
  int n;

  /** Whether the whole list is null (not merely empty). */
  boolean nullList;

  /** Appends a level and returns its index. */
  int add() {
    if (n == price.length) {
      int cap = n * 2;
      price = Arrays.copyOf(price, cap);
      amount = Arrays.copyOf(amount, cap);
      size = Arrays.copyOf(size, cap);
      nulls = Arrays.copyOf(nulls, cap);
    }
    return n++;
  }

  void nullLevel(int i) {
    size[i] = -1;
    price[i] = Double.NaN;
    amount[i] = Double.NaN;
    nulls[i] = NULL_PRICE | NULL_AMOUNT;
  }
}
