package io.microstructure.cli;

import io.microstructure.pipeline.RunReport;
import java.io.PrintStream;
import java.util.Map;
import org.apache.beam.sdk.PipelineResult;

/**
 * Follows a running pipeline through its metrics: rows read per channel out of the rows its input
 * files hold, rows written, and while reading how long reading should still take; rewritten in
 * place once a second on a terminal, a plain line every ten seconds otherwise. Runners whose
 * {@code run()} only returns at the end (Flink, Spark) simply show no progress.
 *
 * <p>The totals come from the files' footers, read once before the run by the footer check; a
 * channel without one shows what was read so far.
 */
final class Progress implements AutoCloseable {
  private final PrintStream out;
  private final Map<String, Long> totals;
  private final boolean terminal = System.console() != null;
  private volatile PipelineResult result;
  private volatile boolean done;
  private Thread thread;
  private int lastWidth;

  /**
   * @param totals the input's rows per channel folder name ({@code orderbook}, ...), from the
   *     footers; a channel without one is shown without a total
   */
  Progress(PrintStream out, Map<String, Long> totals) {
    this.out = out;
    this.totals = Map.copyOf(totals);
  }

  void follow(PipelineResult running) {
    if (running.getState().isTerminal()) {
      return;
    }
    result = running;
    thread = new Thread(this::loop, "etl-progress");
    thread.setDaemon(true);
    thread.start();
  }

  private void loop() {
    long period = terminal ? 1_000 : 10_000;
    long started = System.nanoTime();
    while (!done) {
      try {
        Thread.sleep(period);
      } catch (InterruptedException e) {
        return;
      }
      if (done) {
        return;
      }
      String line;
      try {
        line = line(RunReport.counters(result), totals, (System.nanoTime() - started) / 1e9);
      } catch (RuntimeException e) {
        continue; // metrics not available yet
      }
      synchronized (this) {
        if (terminal) {
          out.print("\r" + line + " ".repeat(Math.max(0, lastWidth - line.length())));
          lastWidth = line.length();
        } else {
          out.println(line);
        }
        out.flush();
      }
    }
  }

  /**
   * {@code 12 s  read: orderbook 120,000/284,601  trades 20,000/51,432  ticker ...  |  written:
   * 0 rows  |  reading: 42%, about 16 s left}; without totals, the counts read so far.
   */
  static String line(Map<String, Long> c, Map<String, Long> totals, double seconds) {
    long written =
        c.entrySet().stream()
            .filter(e -> e.getKey().endsWith("/rows_written"))
            .mapToLong(Map.Entry::getValue)
            .sum();
    StringBuilder b = new StringBuilder(String.format("  %5.0f s  read:", seconds));
    long read = 0;
    long total = 0;
    for (String channel : new String[] {"orderbook", "trades", "ticker"}) {
      long n = c.getOrDefault(channel + "/rows_read", 0L);
      Long of = totals.get(channel);
      b.append(String.format("  %s %,d", channel, n));
      if (of != null) {
        b.append(String.format("/%,d", of));
        read += n;
        total += of;
      }
    }
    b.append(String.format("  |  written: %,d rows", written));
    if (total > 0 && read < total) {
      double done = (double) read / total;
      b.append(String.format("  |  reading: %.0f%%", 100 * done));
      if (done >= 0.02) {
        b.append(String.format(", about %.0f s left", seconds * (1 - done) / done));
      }
    } else if (total > 0) {
      b.append("  |  input read; computing and writing");
    }
    return b.toString();
  }

  @Override
  public void close() {
    done = true;
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(2_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      synchronized (this) {
        if (terminal && lastWidth > 0) {
          out.print("\r" + " ".repeat(lastWidth) + "\r");
          out.flush();
        }
      }
    }
  }
}
