package io.microstructure.input;

/**
 * The {@code record} text of a row {@link ColumnarOrderBookReader} rejects: a compact JSON object
 * of the columns the reader reads, rebuilt from the decoded values: {@code
 * {"exchange":"binance","symbol":"BTC/USDT","capture_ts":1767571201250000,"seq":8,
 * "bids":[[-1.0,2.0]],"asks":[[100.5,1.0]]}}.
 *
 * <p>capture_ts is the stored value (in the file's unit); {@code seq} is left out when the file has
 * no such column; a null list is {@code null}, a null level {@code null}; every level is shown as
 * {@code [price, amount]} whatever the layout (a pair with other than two values shows what it
 * holds: {@code []}, {@code [p]}, or {@code [p, a, "+n more"]}); a null value is {@code null} and
 * NaN or an infinity is a string ({@code "NaN"}). Other columns (timestamp, nonce) are not read and
 * not shown. The record path renders the GenericRecord instead, so the two texts differ.
 *
 * <p>Not thread-safe: one instance per reader reuses one builder.
 */
final class RejectedBookJson {
  private final StringBuilder json = new StringBuilder();

  String render(
      String exchange,
      String symbol,
      boolean captureTsNull,
      long captureTs,
      boolean hasSeq,
      boolean seqNull,
      long seq,
      BookLevels bids,
      BookLevels asks) {
    StringBuilder b = json;
    b.setLength(0);
    b.append("{\"exchange\":");
    quote(b, exchange);
    b.append(",\"symbol\":");
    quote(b, symbol);
    b.append(",\"capture_ts\":");
    if (captureTsNull) {
      b.append("null");
    } else {
      b.append(captureTs);
    }
    if (hasSeq) {
      b.append(",\"seq\":");
      if (seqNull) {
        b.append("null");
      } else {
        b.append(seq);
      }
    }
    b.append(",\"bids\":");
    levels(b, bids);
    b.append(",\"asks\":");
    levels(b, asks);
    return b.append('}').toString();
  }

  private static void levels(StringBuilder b, BookLevels s) {
    if (s.nullList) {
      b.append("null");
      return;
    }
    b.append('[');
    for (int i = 0; i < s.n; i++) {
      if (i > 0) {
        b.append(',');
      }
      int size = s.size[i];
      if (size < 0) {
        b.append("null");
        continue;
      }
      b.append('[');
      if (size >= 1) {
        number(b, s.price[i], (s.nulls[i] & BookLevels.NULL_PRICE) != 0);
      }
      if (size >= 2) {
        b.append(',');
        number(b, s.amount[i], (s.nulls[i] & BookLevels.NULL_AMOUNT) != 0);
      }
      if (size > 2) {
        b.append(",\"+").append(size - 2).append(" more\"");
      }
      b.append(']');
    }
    b.append(']');
  }

  private static void quote(StringBuilder b, String s) {
    // Rejections are rare: Gson's escaping serves, as it does for the legacy NDJSON.
    b.append(s == null ? "null" : new com.google.gson.JsonPrimitive(s).toString());
  }

  private static void number(StringBuilder b, double v, boolean isNull) {
    if (isNull) {
      b.append("null");
    } else if (Double.isFinite(v)) {
      b.append(v);
    } else {
      b.append('"').append(v).append('"');
    }
  }
}
