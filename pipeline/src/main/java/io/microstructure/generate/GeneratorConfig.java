package io.microstructure.generate;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Immutable settings of {@link SampleMarketGenerator}. Build with {@link #builder()}; every setting
 * has a default, so {@code GeneratorConfig.defaults()} is one realistic hour of two exchanges times
 * four symbols.
 *
 * <p>Edge-case rates are probabilities per candidate event: per trade for the trade cases, per
 * ticker update for the ticker case, per snapshot for the book cases, and per valid row of a
 * channel for invalid rows (an invalid row is an extra row next to a real one). {@link
 * Builder#cleanOnly(boolean)} forces all of them to 0 at {@link Builder#build()}, whatever was set
 * before or after. Capture gaps are part of the market, not edge cases: see {@link
 * Builder#gapsPerHour(int)}.
 */
public final class GeneratorConfig {
  public static final Instant DEFAULT_START = Instant.parse("2026-01-05T00:00:00Z");
  public static final List<String> DEFAULT_EXCHANGES = List.of("binance", "okx");
  public static final List<String> DEFAULT_SYMBOLS =
      List.of("BTC/USDT", "ETH/USDT", "SOL/USDT", "1000PEPE/USDT:USDT");
  public static final double DEFAULT_EDGE_RATE = 0.001;

  private final Instant start;
  private final Duration duration;
  private final long seed;
  private final List<String> exchanges;
  private final List<String> symbols;
  private final String source;
  private final double snapshotHz;
  private final int bookLevels;
  private final BookLayout bookLayout;
  private final boolean legacyLists;
  private final boolean withSeq;
  private final boolean writeNdjson;
  private final int rowGroupRows;
  private final boolean cleanOnly;
  private final double sameTsTradeRate;
  private final double sameTsTickerRate;
  private final double crossedBookRate;
  private final double lockedBookRate;
  private final double oneSidedBookRate;
  private final double duplicateSnapshotRate;
  private final double duplicateTradeRate;
  private final double invalidRowRate;
  private final int gapsPerHour;
  private final double tradeRateScale;
  private final int gapMinSeconds;
  private final int gapMaxSeconds;

  private GeneratorConfig(Builder b) {
    this.start = b.start;
    this.duration = b.duration;
    this.seed = b.seed;
    this.exchanges = List.copyOf(b.exchanges);
    this.symbols = List.copyOf(b.symbols);
    this.source = b.source;
    this.snapshotHz = b.snapshotHz;
    this.bookLevels = b.bookLevels;
    this.bookLayout = b.bookLayout;
    this.legacyLists = b.legacyLists;
    this.withSeq = b.withSeq;
    this.writeNdjson = b.writeNdjson;
    this.rowGroupRows = b.rowGroupRows;
    this.cleanOnly = b.cleanOnly;
    double k = b.cleanOnly ? 0 : 1;
    this.sameTsTradeRate = k * b.sameTsTradeRate;
    this.sameTsTickerRate = k * b.sameTsTickerRate;
    this.crossedBookRate = k * b.crossedBookRate;
    this.lockedBookRate = k * b.lockedBookRate;
    this.oneSidedBookRate = k * b.oneSidedBookRate;
    this.duplicateSnapshotRate = k * b.duplicateSnapshotRate;
    this.duplicateTradeRate = k * b.duplicateTradeRate;
    this.invalidRowRate = k * b.invalidRowRate;
    this.gapsPerHour = b.gapsPerHour;
    this.tradeRateScale = b.tradeRateScale;
    this.gapMinSeconds = b.gapMinSeconds;
    this.gapMaxSeconds = b.gapMaxSeconds;
  }

  public static Builder builder() {
    return new Builder();
  }

  public static GeneratorConfig defaults() {
    return builder().build();
  }

  /** A builder holding this config's values (rates as stored, i.e. 0 when cleanOnly). */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.start = start;
    b.duration = duration;
    b.seed = seed;
    b.exchanges = exchanges;
    b.symbols = symbols;
    b.source = source;
    b.snapshotHz = snapshotHz;
    b.bookLevels = bookLevels;
    b.bookLayout = bookLayout;
    b.legacyLists = legacyLists;
    b.withSeq = withSeq;
    b.writeNdjson = writeNdjson;
    b.rowGroupRows = rowGroupRows;
    b.cleanOnly = cleanOnly;
    b.sameTsTradeRate = sameTsTradeRate;
    b.sameTsTickerRate = sameTsTickerRate;
    b.crossedBookRate = crossedBookRate;
    b.lockedBookRate = lockedBookRate;
    b.oneSidedBookRate = oneSidedBookRate;
    b.duplicateSnapshotRate = duplicateSnapshotRate;
    b.duplicateTradeRate = duplicateTradeRate;
    b.invalidRowRate = invalidRowRate;
    b.gapsPerHour = gapsPerHour;
    b.tradeRateScale = tradeRateScale;
    b.gapMinSeconds = gapMinSeconds;
    b.gapMaxSeconds = gapMaxSeconds;
    return b;
  }

  public Instant start() {
    return start;
  }

  /** Exclusive end of the generated data: {@code start + duration}. */
  public Instant end() {
    return start.plus(duration);
  }

  public Duration duration() {
    return duration;
  }

  public long seed() {
    return seed;
  }

  public List<String> exchanges() {
    return exchanges;
  }

  public List<String> symbols() {
    return symbols;
  }

  public String source() {
    return source;
  }

  public double snapshotHz() {
    return snapshotHz;
  }

  public int bookLevels() {
    return bookLevels;
  }

  public BookLayout bookLayout() {
    return bookLayout;
  }

  /** True: legacy 2-level Parquet LIST encoding; false (default): the standard 3-level one. */
  public boolean legacyLists() {
    return legacyLists;
  }

  public boolean withSeq() {
    return withSeq;
  }

  public boolean writeNdjson() {
    return writeNdjson;
  }

  /** Rows per Parquet row group, or 0 for row groups of about 64 MB (the default). */
  public int rowGroupRows() {
    return rowGroupRows;
  }

  public boolean cleanOnly() {
    return cleanOnly;
  }

  /** Per trade: the trade's capture_ts is moved onto the next snapshot's capture_ts. */
  public double sameTsTradeRate() {
    return sameTsTradeRate;
  }

  /** Per ticker update: its capture_ts is moved onto the next snapshot's capture_ts. */
  public double sameTsTickerRate() {
    return sameTsTickerRate;
  }

  /** Per snapshot: emitted with best bid strictly above best ask. */
  public double crossedBookRate() {
    return crossedBookRate;
  }

  /** Per snapshot: emitted with best bid equal to best ask. */
  public double lockedBookRate() {
    return lockedBookRate;
  }

  /** Per snapshot: emitted with an empty bid or ask side. */
  public double oneSidedBookRate() {
    return oneSidedBookRate;
  }

  /** Per snapshot: re-emitted identically (same capture_ts, new seq) right after itself. */
  public double duplicateSnapshotRate() {
    return duplicateSnapshotRate;
  }

  /** Per trade: re-emitted identically (same id) 0.2-3 s later with a later capture_ts. */
  public double duplicateTradeRate() {
    return duplicateTradeRate;
  }

  /** Per valid row of each channel: an extra invalid row (one contract reason each). */
  public double invalidRowRate() {
    return invalidRowRate;
  }

  /** Capture gaps per started hour of data (one key each, all channels of that key). */
  public int gapsPerHour() {
    return gapsPerHour;
  }

  /** Multiplies every symbol's trade rate (1 = the built-in profiles). */
  public double tradeRateScale() {
    return tradeRateScale;
  }

  public int gapMinSeconds() {
    return gapMinSeconds;
  }

  public int gapMaxSeconds() {
    return gapMaxSeconds;
  }

  long startMicros() {
    return toMicros(start);
  }

  long endMicros() {
    return toMicros(end());
  }

  static long toMicros(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
  }

  /** The edge-case rates by name, in a stable order (for the manifest and the CLI summary). */
  public Map<String, Double> edgeCaseRates() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("sameTsTrade", sameTsTradeRate);
    m.put("sameTsTicker", sameTsTickerRate);
    m.put("crossedBook", crossedBookRate);
    m.put("lockedBook", lockedBookRate);
    m.put("oneSidedBook", oneSidedBookRate);
    m.put("duplicateSnapshot", duplicateSnapshotRate);
    m.put("duplicateTrade", duplicateTradeRate);
    m.put("invalidRow", invalidRowRate);
    return m;
  }

  @Override
  public String toString() {
    return "GeneratorConfig{start="
        + start
        + ", duration="
        + duration
        + ", seed="
        + seed
        + ", exchanges="
        + exchanges
        + ", symbols="
        + symbols
        + ", source="
        + source
        + ", snapshotHz="
        + snapshotHz
        + ", bookLevels="
        + bookLevels
        + ", bookLayout="
        + bookLayout
        + ", legacyLists="
        + legacyLists
        + ", withSeq="
        + withSeq
        + ", writeNdjson="
        + writeNdjson
        + ", rowGroupRows="
        + rowGroupRows
        + ", cleanOnly="
        + cleanOnly
        + ", rates="
        + edgeCaseRates()
        + ", gapsPerHour="
        + gapsPerHour
        + "}";
  }

  /** Mutable builder; {@link #build()} validates. */
  public static final class Builder {
    private Instant start = DEFAULT_START;
    private Duration duration = Duration.ofHours(1);
    private long seed = 42;
    private List<String> exchanges = DEFAULT_EXCHANGES;
    private List<String> symbols = DEFAULT_SYMBOLS;
    private String source = "ccxt";
    private double snapshotHz = 10;
    private int bookLevels = 20;
    private BookLayout bookLayout = BookLayout.STRUCT;
    private boolean legacyLists = false;
    private boolean withSeq = true;
    private boolean writeNdjson = true;
    private int rowGroupRows = 0;
    private boolean cleanOnly = false;
    private double sameTsTradeRate = DEFAULT_EDGE_RATE;
    private double sameTsTickerRate = DEFAULT_EDGE_RATE;
    private double crossedBookRate = DEFAULT_EDGE_RATE;
    private double lockedBookRate = DEFAULT_EDGE_RATE;
    private double oneSidedBookRate = DEFAULT_EDGE_RATE;
    private double duplicateSnapshotRate = DEFAULT_EDGE_RATE;
    private double duplicateTradeRate = DEFAULT_EDGE_RATE;
    private double invalidRowRate = DEFAULT_EDGE_RATE;
    private int gapsPerHour = 1;
    private double tradeRateScale = 1.0;
    private int gapMinSeconds = 320;
    private int gapMaxSeconds = 400;

    private Builder() {}

    /** First instant of data (truncated to microseconds). */
    public Builder start(Instant start) {
      this.start = Objects.requireNonNull(start, "start").truncatedTo(ChronoUnit.MICROS);
      return this;
    }

    /** Length of data in whole hours (same as {@code duration(Duration.ofHours(hours))}). */
    public Builder hours(int hours) {
      if (hours < 1) {
        throw new IllegalArgumentException("hours must be >= 1, got " + hours);
      }
      return duration(Duration.ofHours(hours));
    }

    /** Length of data; any positive duration (tests use minutes). */
    public Builder duration(Duration duration) {
      this.duration = Objects.requireNonNull(duration, "duration").truncatedTo(ChronoUnit.MICROS);
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder exchanges(List<String> exchanges) {
      this.exchanges = List.copyOf(exchanges);
      return this;
    }

    public Builder exchanges(String... exchanges) {
      return exchanges(List.of(exchanges));
    }

    /** Every exchange gets every symbol. */
    public Builder symbols(List<String> symbols) {
      this.symbols = List.copyOf(symbols);
      return this;
    }

    public Builder symbols(String... symbols) {
      return symbols(List.of(symbols));
    }

    public Builder source(String source) {
      this.source = Objects.requireNonNull(source, "source");
      return this;
    }

    public Builder snapshotHz(double snapshotHz) {
      this.snapshotHz = snapshotHz;
      return this;
    }

    public Builder bookLevels(int bookLevels) {
      this.bookLevels = bookLevels;
      return this;
    }

    public Builder bookLayout(BookLayout bookLayout) {
      this.bookLayout = Objects.requireNonNull(bookLayout, "bookLayout");
      return this;
    }

    public Builder legacyLists(boolean legacyLists) {
      this.legacyLists = legacyLists;
      return this;
    }

    public Builder withSeq(boolean withSeq) {
      this.withSeq = withSeq;
      return this;
    }

    /**
     * Rows per row group, as capture tools that flush often write them (daedalus: every 1,000
     * records); 0 for row groups of about 64 MB.
     */
    public Builder rowGroupRows(int rows) {
      if (rows < 0) {
        throw new IllegalArgumentException("row group rows must be >= 0, got " + rows);
      }
      this.rowGroupRows = rows;
      return this;
    }

    public Builder writeNdjson(boolean writeNdjson) {
      this.writeNdjson = writeNdjson;
      return this;
    }

    /** True: every edge-case rate is 0 in the built config. */
    public Builder cleanOnly(boolean cleanOnly) {
      this.cleanOnly = cleanOnly;
      return this;
    }

    /** Sets every edge-case rate to {@code rate}. */
    public Builder edgeCaseRate(double rate) {
      sameTsTradeRate = rate;
      sameTsTickerRate = rate;
      crossedBookRate = rate;
      lockedBookRate = rate;
      oneSidedBookRate = rate;
      duplicateSnapshotRate = rate;
      duplicateTradeRate = rate;
      invalidRowRate = rate;
      return this;
    }

    public Builder sameTsTradeRate(double rate) {
      this.sameTsTradeRate = rate;
      return this;
    }

    public Builder sameTsTickerRate(double rate) {
      this.sameTsTickerRate = rate;
      return this;
    }

    public Builder crossedBookRate(double rate) {
      this.crossedBookRate = rate;
      return this;
    }

    public Builder lockedBookRate(double rate) {
      this.lockedBookRate = rate;
      return this;
    }

    public Builder oneSidedBookRate(double rate) {
      this.oneSidedBookRate = rate;
      return this;
    }

    public Builder duplicateSnapshotRate(double rate) {
      this.duplicateSnapshotRate = rate;
      return this;
    }

    public Builder duplicateTradeRate(double rate) {
      this.duplicateTradeRate = rate;
      return this;
    }

    public Builder invalidRowRate(double rate) {
      this.invalidRowRate = rate;
      return this;
    }

    /** Capture gaps per started hour of data; 0 disables them. */
    public Builder tradeRateScale(double scale) {
      this.tradeRateScale = scale;
      return this;
    }

    public Builder gapsPerHour(int gapsPerHour) {
      this.gapsPerHour = gapsPerHour;
      return this;
    }

    /** Length range of a capture gap in seconds (default 320-400, i.e. above max_gap = 300 s). */
    public Builder gapSeconds(int minSeconds, int maxSeconds) {
      this.gapMinSeconds = minSeconds;
      this.gapMaxSeconds = maxSeconds;
      return this;
    }

    public GeneratorConfig build() {
      require(!duration.isNegative() && !duration.isZero(), "duration must be positive");
      require(duration.compareTo(Duration.ofDays(366)) <= 0, "duration must be <= 366 days");
      require(!exchanges.isEmpty(), "at least one exchange");
      require(!symbols.isEmpty(), "at least one symbol");
      require(exchanges.stream().distinct().count() == exchanges.size(), "duplicate exchange");
      require(symbols.stream().distinct().count() == symbols.size(), "duplicate symbol");
      require(exchanges.stream().noneMatch(String::isBlank), "blank exchange");
      require(symbols.stream().noneMatch(String::isBlank), "blank symbol");
      require(
          !source.isBlank() && source.matches("[A-Za-z0-9._-]+"),
          "source must match [A-Za-z0-9._-]+, got '" + source + "'");
      require(snapshotHz > 0 && snapshotHz <= 1000, "snapshotHz must be in (0, 1000]");
      require(bookLevels >= 1 && bookLevels <= 1000, "bookLevels must be in [1, 1000]");
      for (Map.Entry<String, Double> e : rates().entrySet()) {
        require(
            e.getValue() >= 0 && e.getValue() <= 0.5,
            e.getKey() + " rate must be in [0, 0.5], got " + e.getValue());
      }
      require(
          crossedBookRate + lockedBookRate + oneSidedBookRate <= 1,
          "crossed + locked + one-sided rates must be <= 1");
      require(gapsPerHour >= 0 && gapsPerHour <= 6, "gapsPerHour must be in [0, 6]");
      require(tradeRateScale > 0 && tradeRateScale <= 100, "tradeRateScale must be in (0, 100]");
      require(
          gapMinSeconds > 0 && gapMinSeconds <= gapMaxSeconds && gapMaxSeconds <= 1800,
          "gap seconds must satisfy 0 < min <= max <= 1800");
      return new GeneratorConfig(this);
    }

    private Map<String, Double> rates() {
      Map<String, Double> m = new LinkedHashMap<>();
      m.put("sameTsTrade", sameTsTradeRate);
      m.put("sameTsTicker", sameTsTickerRate);
      m.put("crossedBook", crossedBookRate);
      m.put("lockedBook", lockedBookRate);
      m.put("oneSidedBook", oneSidedBookRate);
      m.put("duplicateSnapshot", duplicateSnapshotRate);
      m.put("duplicateTrade", duplicateTradeRate);
      m.put("invalidRow", invalidRowRate);
      return m;
    }

    private static void require(boolean ok, String message) {
      if (!ok) {
        throw new IllegalArgumentException(message);
      }
    }
  }
}
