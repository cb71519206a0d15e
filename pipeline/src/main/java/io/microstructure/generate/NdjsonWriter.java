package io.microstructure.generate;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Writes the legacy mixed NDJSON (gzip): one JSON object per row, all channels of all exchanges,
 * in arrival order. Fields are the Parquet columns plus {@code "type"}; books are
 * {@code [[price, amount], ...]}; a NaN (JSON has none) is written as null. Book prices and
 * amounts are printed from their integer ticks/lots, so "60000.1" parses to exactly the double
 * stored in Parquet.
 */
final class NdjsonWriter implements Closeable {
  private static final long[] POW10 = new long[19];

  static {
    long p = 1;
    for (int i = 0; i < POW10.length; i++) {
      POW10[i] = p;
      p *= 10;
    }
  }

  private final OutputStream out;
  private final boolean withSeq;
  private final StringBuilder sb = new StringBuilder(4096);
  private byte[] bytes = new byte[4096];
  private long rows;

  NdjsonWriter(String path, boolean withSeq) throws IOException {
    OutputStream raw = BeamOutputFile.openStream(path);
    GZIPOutputStream gzip = new GZIPOutputStream(raw, 1 << 16) {
      {
        def.setLevel(Deflater.BEST_SPEED);
      }
    };
    this.out = new BufferedOutputStream(gzip, 1 << 18);
    this.withSeq = withSeq;
  }

  long rows() {
    return rows;
  }

  void write(MarketEvent ev) throws IOException {
    StringBuilder b = sb;
    b.setLength(0);
    b.append("{\"type\":\"").append(ev.channel.ndjsonType()).append('"');
    b.append(",\"exchange\":");
    string(b, ev.nullExchange ? null : ev.exchange);
    b.append(",\"symbol\":");
    string(b, ev.nullSymbol ? null : ev.symbol);
    b.append(",\"capture_ts\":");
    if (ev.nullCaptureTs) {
      b.append("null");
    } else {
      b.append(ev.ts);
    }
    b.append(",\"timestamp\":").append(ev.timestampMs);
    b.append(",\"seq\":");
    if (withSeq) {
      b.append(ev.seq);
    } else {
      b.append("null");
    }
    switch (ev.channel) {
      case ORDERBOOK:
        b.append(",\"nonce\":").append(ev.nonce);
        b.append(",\"bids\":");
        levels(b, ev, 1);
        b.append(",\"asks\":");
        levels(b, ev, 2);
        break;
      case TRADES:
        b.append(",\"id\":");
        string(b, ev.id);
        b.append(",\"side\":");
        string(b, ev.side);
        b.append(",\"price\":");
        number(b, ev.price);
        b.append(",\"amount\":");
        number(b, ev.amount);
        b.append(",\"cost\":");
        number(b, ev.price * ev.amount);
        b.append(",\"taker_or_maker\":\"taker\"");
        break;
      default:
        for (int i = 0; i < MarketEvent.TICKER_FIELDS; i++) {
          b.append(",\"").append(MarketEvent.TICKER_COLUMNS[i]).append("\":");
          number(b, ev.ticker[i]);
        }
        break;
    }
    b.append("}\n");
    int n = b.length();
    if (bytes.length < n) {
      bytes = new byte[Math.max(n, 2 * bytes.length)];
    }
    for (int i = 0; i < n; i++) {
      char c = b.charAt(i);
      if (c >= 0x80) {
        byte[] utf8 = b.toString().getBytes(StandardCharsets.UTF_8);
        out.write(utf8, 0, utf8.length);
        rows++;
        return;
      }
      bytes[i] = (byte) c;
    }
    out.write(bytes, 0, n);
    rows++;
  }

  private static void levels(StringBuilder b, MarketEvent ev, int side) {
    int n = side == 1 ? ev.bidCount : ev.askCount;
    long[] px = side == 1 ? ev.bidPx : ev.askPx;
    long[] amt = side == 1 ? ev.bidAmt : ev.askAmt;
    b.append('[');
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append('[');
      if (ev.hasDefectAt(side, i) && ev.defectOnPrice) {
        number(b, ev.defectValue);
      } else {
        fixed(b, px[i], ev.priceDecimals);
      }
      b.append(',');
      if (ev.hasDefectAt(side, i) && !ev.defectOnPrice) {
        number(b, ev.defectValue);
      } else {
        fixed(b, amt[i], ev.amountDecimals);
      }
      b.append(']');
    }
    b.append(']');
  }

  /** Appends units * 10^-decimals as a plain decimal with at least one fractional digit. */
  static void fixed(StringBuilder b, long units, int decimals) {
    if (units < 0) {
      b.append('-');
      units = -units;
    }
    if (decimals == 0) {
      b.append(units).append(".0");
      return;
    }
    long scale = POW10[decimals];
    long integer = units / scale;
    long fraction = units % scale;
    b.append(integer).append('.');
    int digits = decimals;
    while (digits > 1 && fraction % 10 == 0) {
      fraction /= 10;
      digits--;
    }
    for (long p = POW10[digits - 1]; p > 1 && fraction < p; p /= 10) {
      b.append('0');
    }
    b.append(fraction);
  }

  private static void number(StringBuilder b, double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      b.append("null");
    } else {
      b.append(v);
    }
  }

  private static void string(StringBuilder b, String s) {
    if (s == null) {
      b.append("null");
      return;
    }
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          b.append("\\\"");
          break;
        case '\\':
          b.append("\\\\");
          break;
        case '\n':
          b.append("\\n");
          break;
        case '\r':
          b.append("\\r");
          break;
        case '\t':
          b.append("\\t");
          break;
        default:
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
      }
    }
    b.append('"');
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
