package io.microstructure.generate;

import io.microstructure.model.Channel;
import java.util.List;

/**
 * Why an injected row is invalid under data-contract.md "Bad input". Each injected invalid row has
 * exactly one defect, so counts per reason are unambiguous.
 */
public enum InvalidReason {
  /** exchange is null. */
  NULL_EXCHANGE("null_exchange"),
  /** symbol is null. */
  NULL_SYMBOL("null_symbol"),
  /** capture_ts is null. */
  NULL_CAPTURE_TS("null_capture_ts"),
  /** A price (one book level, or the trade price) is NaN. */
  PRICE_NAN("price_nan"),
  /** A price (one book level, or the trade price) is 0 or negative. */
  PRICE_NOT_POSITIVE("price_not_positive"),
  /** An amount (one book level, or the trade amount) is NaN. */
  AMOUNT_NAN("amount_nan"),
  /** An amount (one book level, or the trade amount) is negative. */
  AMOUNT_NEGATIVE("amount_negative"),
  /** Trade side is a non-null string other than buy/sell (e.g. "BUY?"). */
  SIDE_INVALID("side_invalid"),
  /** Trade side is null. */
  SIDE_NULL("side_null");

  static final List<InvalidReason> ORDERBOOK =
      List.of(
          NULL_EXCHANGE,
          NULL_SYMBOL,
          NULL_CAPTURE_TS,
          PRICE_NAN,
          PRICE_NOT_POSITIVE,
          AMOUNT_NAN,
          AMOUNT_NEGATIVE);
  static final List<InvalidReason> TRADES =
      List.of(
          NULL_EXCHANGE,
          NULL_SYMBOL,
          NULL_CAPTURE_TS,
          PRICE_NAN,
          PRICE_NOT_POSITIVE,
          AMOUNT_NAN,
          AMOUNT_NEGATIVE,
          SIDE_INVALID,
          SIDE_NULL);
  static final List<InvalidReason> TICKER = List.of(NULL_EXCHANGE, NULL_SYMBOL, NULL_CAPTURE_TS);

  private final String key;

  InvalidReason(String key) {
    this.key = key;
  }

  /** The name used in the manifest's invalidByReason maps. */
  public String key() {
    return key;
  }

  static List<InvalidReason> forChannel(Channel channel) {
    switch (channel) {
      case ORDERBOOK:
        return ORDERBOOK;
      case TRADES:
        return TRADES;
      default:
        return TICKER;
    }
  }
}
