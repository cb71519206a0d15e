package io.microstructure.io;

/**
 * The order the contract requires of a book side: bids strictly descending, asks strictly ascending
 * in price, best first; a repeated price counts as unordered. Shared by the record path ({@link
 * OrderBookDecoder}, which the legacy NDJSON path uses too) and the columnar reader, so both reject
 * the same rows for the same reason.
 *
 * <p>Prices are compared as the decoded doubles, after every level passed its own checks (finite, >
 * 0): comparing doubles is exact, and the scaled integers blocks keep later ({@code LevelValues})
 * are these same values bit for bit, so nothing is rounded on the way.
 */
final class BookSideOrder {
  private BookSideOrder() {}

  /**
   * Why the first n prices of a side are not strictly ordered ({@code bids not strictly descending:
   * level 3 price 100.5 >= level 2 price 100.5}), or null when they are.
   *
   * @param side {@code bids} (descending) or {@code asks} (ascending)
   */
  static String problem(String side, double[] price, int n) {
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
