package io.microstructure.input;

import io.microstructure.model.CaptureTsRange;

/**
 * Whether a book row {@link ColumnarOrderBookReader} decoded is valid, with the record path's first
 * reason when not ({@link OrderBookDecoder}): the key columns ({@link KeyChecks}), then bids, then
 * asks, each side by {@link BookSideReasons}. One instance per bound reader; {@link #column} and
 * {@link #reason} hold the last verdict.
 */
final class BookChecks {
  private final KeyChecks keys;
  String column;
  String reason;

  BookChecks(CaptureTsRange captureTsRange) {
    this.keys = new KeyChecks(captureTsRange);
  }

  /**
   * @param captureTsMicros capture_ts in microseconds (ignored when null)
   * @return true when the row passes; else {@link #column} and {@link #reason} say why not
   */
  boolean pass(
      String exchange,
      String symbol,
      boolean captureTsNull,
      long captureTsMicros,
      BookLevels bids,
      BookLevels asks) {
    String problem;
    if (!keys.pass(exchange, symbol, captureTsNull, captureTsMicros)) {
      return fail(keys.column, keys.reason);
    }
    if ((problem = sideProblem("bids", bids)) != null) {
      return fail("bids", problem);
    }
    if ((problem = sideProblem("asks", asks)) != null) {
      return fail("asks", problem);
    }
    column = null;
    reason = null;
    return true;
  }

  /**
   * OrderBookDecoder.BookSide's verdict on a side: its first bad level's reason, else its order's,
   * else null.
   *
   * @param side {@code bids} or {@code asks}
   */
  static String sideProblem(String side, BookLevels levels) {
    int[] size = levels.size;
    for (int i = 0; i < levels.n; i++) {
      if (size[i] < 0) {
        return BookSideReasons.nullLevel(i + 1);
      }
      if (size[i] < 2) {
        return BookSideReasons.shortLevel(i + 1, size[i]);
      }
      String bad = BookSideReasons.badValues(i + 1, levels.price[i], levels.amount[i]);
      if (bad != null) {
        return bad;
      }
    }
    return BookSideReasons.order(side, levels.price, levels.n);
  }

  private boolean fail(String column, String reason) {
    this.column = column;
    this.reason = reason;
    return false;
  }
}
