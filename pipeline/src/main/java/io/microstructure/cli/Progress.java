package io.microstructure.cli;

import io.microstructure.pipeline.RunReport;
import java.io.PrintStream;
import java.util.Map;
import org.apache.beam.sdk.PipelineResult;

/**
 * Follows a running pipeline through its metrics: rows read per channel and rows written, rewritten
 * in place once a second on a terminal, a plain line every ten seconds otherwise. Runners whose
 * {@code run()} only returns at the end (Flink, Spark) simply show no progress.
 */
final class Progress implements AutoCloseable {
  private final PrintStream out;
  private final boolean terminal = System.console() != null;
  private volatile PipelineResult result;
  private volatile boolean done;
  private Thread thread;
  private int lastWidth;

  Progress(PrintStream out) {
    this.out = out;
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
        line = line(RunReport.counters(result), (System.nanoTime() - started) / 1e9);
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

  static String line(Map<String, Long> c, double seconds) {
    long written =
        c.entrySet().stream()
            .filter(e -> e.getKey().endsWith("/rows_written"))
            .mapToLong(Map.Entry::getValue)
            .sum();
    return String.format(
        "  %5.0f s  read: orderbook %,d  trades %,d  ticker %,d  |  written: %,d rows",
        seconds,
        c.getOrDefault("orderbook/rows_read", 0L),
        c.getOrDefault("trades/rows_read", 0L),
        c.getOrDefault("ticker/rows_read", 0L),
        written);
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
