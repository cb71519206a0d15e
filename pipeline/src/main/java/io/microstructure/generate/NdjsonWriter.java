package io.microstructure.generate;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Writes the legacy mixed NDJSON (gzip): one JSON object per row, all channels of all exchanges, in
 * arrival order. Fields are the Parquet columns plus {@code "type"}; books are {@code [[price,
 * amount], ...]}; a NaN (JSON has none) is written as null. Book prices and amounts are printed
 * from their integer ticks/lots, so "60000.1" parses to exactly the double stored in Parquet.
 *
 * <p>Formatting and compression run on a worker thread (rows are handed over in batches; they are
 * not modified after being written), so they overlap with the simulation and the Parquet encoding.
 */
final class NdjsonWriter implements Closeable {
  private static final int BATCH = 2048;
  private static final CaptureRow[] END = new CaptureRow[0];
  private static final long[] POW10 = new long[19];

  static {
    long p = 1;
    for (int i = 0; i < POW10.length; i++) {
      POW10[i] = p;
      p *= 10;
    }
  }

  private final String path;
  private final boolean withSeq;
  private final BlockingQueue<CaptureRow[]> queue = new ArrayBlockingQueue<>(8);
  private final Thread worker;
  private volatile Throwable failure;
  private CaptureRow[] batch = new CaptureRow[BATCH];
  private int batchSize;
  private long rows;
  private boolean closed;

  // Worker state
  private final OutputStream out;
  private byte[] buf = new byte[1 << 18];
  private int pos;

  NdjsonWriter(String path, boolean withSeq) throws IOException {
    this.path = path;
    this.withSeq = withSeq;
    OutputStream raw = BeamOutputFile.openStream(path);
    this.out =
        new GZIPOutputStream(raw, 1 << 16) {
          {
            def.setLevel(Deflater.BEST_SPEED);
          }
        };
    this.worker = new Thread(this::drain, "ndjson-writer");
    this.worker.setDaemon(true);
    this.worker.start();
  }

  long rows() {
    return rows;
  }

  void write(CaptureRow ev) throws IOException {
    batch[batchSize++] = ev;
    rows++;
    if (batchSize == BATCH) {
      hand(batch);
      batch = new CaptureRow[BATCH];
      batchSize = 0;
    }
  }

  private void hand(CaptureRow[] events) throws IOException {
    checkFailure();
    try {
      queue.put(events);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while writing " + path);
    }
  }

  private void checkFailure() throws IOException {
    Throwable t = failure;
    if (t != null) {
      throw new IOException("writing " + path + " failed", t);
    }
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    if (batchSize > 0) {
      hand(Arrays.copyOf(batch, batchSize));
    }
    hand(END);
    try {
      worker.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while closing " + path);
    }
    checkFailure();
  }

  private void drain() {
    try {
      while (true) {
        CaptureRow[] events = queue.take();
        if (events.length == 0) {
          break;
        }
        if (failure != null) {
          continue; // keep consuming so the producer never blocks
        }
        try {
          for (CaptureRow ev : events) {
            format(ev);
            if (pos > (1 << 17)) {
              out.write(buf, 0, pos);
              pos = 0;
            }
          }
        } catch (IOException | RuntimeException e) {
          failure = e;
        }
      }
      if (failure == null) {
        out.write(buf, 0, pos);
        pos = 0;
      }
    } catch (IOException | RuntimeException e) {
      failure = e;
    } catch (InterruptedException e) {
      failure = e;
    } finally {
      try {
        out.close();
      } catch (IOException | RuntimeException e) {
        if (failure == null) {
          failure = e;
        }
      }
    }
  }

  // ------------------------------------------------------------------ formatting (worker)

  private void format(CaptureRow ev) {
    ascii("{\"type\":\"");
    ascii(ev.channel.legacyType());
    ascii("\",\"exchange\":");
    string(ev.nullExchange ? null : ev.exchange);
    ascii(",\"symbol\":");
    string(ev.nullSymbol ? null : ev.symbol);
    ascii(",\"capture_ts\":");
    if (ev.nullCaptureTs) {
      ascii("null");
    } else {
      integer(ev.ts);
    }
    ascii(",\"timestamp\":");
    integer(ev.timestampMs);
    ascii(",\"seq\":");
    if (withSeq) {
      integer(ev.seq);
    } else {
      ascii("null");
    }
    switch (ev.channel) {
      case ORDERBOOK:
        ascii(",\"nonce\":");
        integer(ev.nonce);
        ascii(",\"bids\":");
        levels(ev, 1);
        ascii(",\"asks\":");
        levels(ev, 2);
        break;
      case TRADES:
        ascii(",\"id\":");
        string(ev.id);
        ascii(",\"side\":");
        string(ev.side);
        ascii(",\"price\":");
        number(ev.price);
        ascii(",\"amount\":");
        number(ev.amount);
        ascii(",\"cost\":");
        number(ev.price * ev.amount);
        ascii(",\"taker_or_maker\":\"taker\"");
        break;
      default:
        for (int i = 0; i < CaptureRow.TICKER_FIELDS; i++) {
          ascii(",\"");
          ascii(CaptureRow.TICKER_COLUMNS[i]);
          ascii("\":");
          number(ev.ticker[i]);
        }
        break;
    }
    ascii("}\n");
  }

  private void levels(CaptureRow ev, int side) {
    int n = side == 1 ? ev.bidCount : ev.askCount;
    long[] px = side == 1 ? ev.bidPx : ev.askPx;
    long[] amt = side == 1 ? ev.bidAmt : ev.askAmt;
    ensure(2 + n * 48);
    buf[pos++] = '[';
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        buf[pos++] = ',';
      }
      buf[pos++] = '[';
      if (ev.hasDefectAt(side, i) && ev.defectOnPrice) {
        number(ev.defectValue);
      } else {
        fixed(px[i], ev.priceDecimals);
      }
      buf[pos++] = ',';
      if (ev.hasDefectAt(side, i) && !ev.defectOnPrice) {
        number(ev.defectValue);
      } else {
        fixed(amt[i], ev.amountDecimals);
      }
      buf[pos++] = ']';
    }
    ensure(1);
    buf[pos++] = ']';
  }

  private void ensure(int extra) {
    if (pos + extra > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + extra));
    }
  }

  private void ascii(String s) {
    int n = s.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      buf[pos++] = (byte) s.charAt(i);
    }
  }

  private void integer(long v) {
    ensure(20);
    if (v < 0) {
      if (v == Long.MIN_VALUE) {
        ascii(Long.toString(v));
        return;
      }
      buf[pos++] = '-';
      v = -v;
    }
    digits(v, 1);
  }

  /** Writes v in decimal, zero-padded to at least minDigits digits. */
  private void digits(long v, int minDigits) {
    int n = 1;
    while (n < 19 && v >= POW10[n]) {
      n++;
    }
    n = Math.max(n, minDigits);
    ensure(n);
    int end = pos + n;
    for (int i = end - 1; i >= pos; i--) {
      buf[i] = (byte) ('0' + (v % 10));
      v /= 10;
    }
    pos = end;
  }

  /** Appends units * 10^-decimals as a plain decimal with at least one fractional digit. */
  private void fixed(long units, int decimals) {
    ensure(24);
    if (units < 0) {
      buf[pos++] = '-';
      units = -units;
    }
    if (decimals == 0) {
      digits(units, 1);
      buf[pos++] = '.';
      buf[pos++] = '0';
      return;
    }
    long scale = POW10[decimals];
    digits(units / scale, 1);
    buf[pos++] = '.';
    long fraction = units % scale;
    int width = decimals;
    while (width > 1 && fraction % 10 == 0) {
      fraction /= 10;
      width--;
    }
    digits(fraction, width);
  }

  static String fixedToString(long units, int decimals) {
    NdjsonWriter w = new NdjsonWriter();
    w.fixed(units, decimals);
    return new String(w.buf, 0, w.pos, StandardCharsets.US_ASCII);
  }

  /** Formatting-only instance (no file, no worker). */
  private NdjsonWriter() {
    this.path = null;
    this.withSeq = true;
    this.worker = null;
    this.out = null;
  }

  private void number(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      ascii("null");
    } else {
      ascii(Double.toString(v));
    }
  }

  private void string(String s) {
    if (s == null) {
      ascii("null");
      return;
    }
    int n = s.length();
    boolean plain = true;
    for (int i = 0; i < n && plain; i++) {
      char c = s.charAt(i);
      plain = c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
    }
    if (plain) {
      ensure(n + 2);
      buf[pos++] = '"';
      for (int i = 0; i < n; i++) {
        buf[pos++] = (byte) s.charAt(i);
      }
      buf[pos++] = '"';
      return;
    }
    StringBuilder b = new StringBuilder(s.length() + 2);
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
        default:
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
      }
    }
    b.append('"');
    byte[] utf8 = b.toString().getBytes(StandardCharsets.UTF_8);
    ensure(utf8.length);
    System.arraycopy(utf8, 0, buf, pos, utf8.length);
    pos += utf8.length;
  }
}
