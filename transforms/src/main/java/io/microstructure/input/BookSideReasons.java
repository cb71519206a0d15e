package io.microstructure.input;

/**
 * Why a book side is rejected, in one place for both order-book readers (the record path, {@link
 * OrderBookDecoder}, which the legacy NDJSON path uses too, and {@link ColumnarOrderBookReader}), so
 * both reject the same rows for the same reason: a level that is null, has fewer than two values
 * or a bad price or amount ({@link Fields}), else the order the contract requires: bids strictly
 * descending, asks strictly ascending in price, best first; a repeated price counts as unordered.
 *
 * <p>Prices are compared as the decoded doubles, after every level passed its own checks (finite, >
 * 0): comparing doubles is exact, and the scaled integers blocks keep later ({@code LevelValues})
 * are these same values bit for bit, so nothing is rounded on the way.
 */
final class BookSideReasons {
  private BookSideReasons() {}

  /** Level {@code level} (1-based) is null. */
  static String nullLevel(int level) {
    return "level " + level + ": level is null";
  }

  /** Level {@code level} holds {@code values} values, not a price and an amount. */
  static String shortLevel(int level, int values) {
    return "level " + level + ": expected [price, amount], got " + values + " values";
  }

  /** Why a level's price or amount is invalid (the price first), or null when both are valid. */
  static String badValues(int level, double price, double amount) {
    if (!Fields.isPrice(price)) {
      return "level " + level + ": " + Fields.priceProblem(price);
    }
    if (!Fields.isAmount(amount)) {
      return "level " + level + ": " + Fields.amountProblem(amount);
    }
    return null;
  }

  /**
   * Why the first n prices of a side are not strictly ordered ({@code bids not strictly descending:
   * level 3 price 100.5 >= level 2 price 100.5}), or null when they are.
   *
   * @param side {@code bids} (descending) or {@code asks} (ascending)
   */
  static String order(String side, double[] price, int n) {
    boolean bids = side.equals("bids");
    for (int i = 1; i < n; i++) {
      double before = price[i - 1];
      double p = price[i];
      if (bids ? !(p < before) : !(p > before)) {
        return side
            + (bids ? " not strictly descending: level " : " not strictly ascending: level ")
            + (i + 1)
            + " price "
            + p
            + (bids ? " >= level " : " <= level ")
            + i
            + " price "
            + before;
      }
    }
    return null;
  }
}
