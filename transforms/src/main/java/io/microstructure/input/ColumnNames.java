package io.microstructure.input;

import io.microstructure.model.Channel;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which column of a raw file holds each of the contract's columns: the configured mapping ({@code
 * input.columns.<channel>.<our name>: <their name>}), then the contract's own name, then the
 * built-in aliases of the daedalus capture writer ({@code size} for a book level's {@code amount},
 * {@code trade_id} for a trade's {@code id}).
 *
 * <p>A file column that is not any of these but looks like one of ours (same letters once case and
 * underscores are ignored: CCXT's {@code bidVolume} for {@code bid_volume}) is an error naming the
 * config key that maps it, never a column silently read as all null.
 *
 * <p>For the order book, {@code price} and {@code amount} name the fields of a book level; {@code
 * bids} and {@code asks} the top-level list columns.
 */
public final class ColumnNames implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The contract's columns per channel, the keys the config may map. */
  private static final Map<Channel, List<String>> KNOWN = new EnumMap<>(Channel.class);

  /** Built-in aliases: our name to the names other writers use for it. */
  private static final Map<Channel, Map<String, List<String>>> ALIASES =
      new EnumMap<>(Channel.class);

  /** The ticker's numeric columns, in the contract's names. */
  static final List<String> TICKER_NUMBERS =
      List.of(
          "bid",
          "bid_volume",
          "ask",
          "ask_volume",
          "last",
          "open",
          "high",
          "low",
          "close",
          "vwap",
          "base_volume",
          "quote_volume",
          "change",
          "percentage");

  static {
    List<String> common = List.of("exchange", "symbol", "capture_ts", "timestamp", "seq");
    KNOWN.put(Channel.ORDERBOOK, concat(common, "nonce", "bids", "asks", "price", "amount"));
    KNOWN.put(
        Channel.TRADES, concat(common, "id", "side", "price", "amount", "cost", "taker_or_maker"));
    KNOWN.put(Channel.TICKER, concat(common, TICKER_NUMBERS.toArray(new String[0])));
    ALIASES.put(Channel.ORDERBOOK, Map.of("amount", List.of("size")));
    ALIASES.put(Channel.TRADES, Map.of("id", List.of("trade_id")));
    ALIASES.put(Channel.TICKER, Map.of());
  }

  /** No mapping: the contract's names and the built-in aliases only. */
  public static final ColumnNames BUILT_IN = new ColumnNames(Map.of());

  private final Map<Channel, Map<String, String>> configured;

  private ColumnNames(Map<Channel, Map<String, String>> configured) {
    Map<Channel, Map<String, String>> copy = new EnumMap<>(Channel.class);
    for (Channel c : Channel.values()) {
      copy.put(c, new TreeMap<>(configured.getOrDefault(c, Map.of())));
    }
    this.configured = copy;
  }

  /**
   * A mapping from {@code channel.our_name=their_name} entries (the pipeline option's form).
   *
   * @throws IllegalArgumentException for a malformed entry, an unknown channel or a column the
   *     channel does not have
   */
  public static ColumnNames parse(Collection<String> entries) {
    Map<Channel, Map<String, String>> m = new EnumMap<>(Channel.class);
    for (String raw : entries) {
      String e = raw.trim();
      if (e.isEmpty()) {
        continue;
      }
      int eq = e.indexOf('=');
      int dot = e.indexOf('.');
      if (eq < 0 || dot < 0 || dot > eq) {
        throw new IllegalArgumentException(
            "input column mapping '" + e + "' is not <channel>.<column>=<name in the files>");
      }
      String channelName = e.substring(0, dot).trim();
      String ours = e.substring(dot + 1, eq).trim();
      String theirs = e.substring(eq + 1).trim();
      Channel channel = null;
      for (Channel c : Channel.values()) {
        if (c.folder().equals(channelName)) {
          channel = c;
        }
      }
      if (channel == null) {
        throw new IllegalArgumentException(
            "input column mapping '" + e + "': no channel '" + channelName
                + "' (orderbook, trades, ticker)");
      }
      if (!KNOWN.get(channel).contains(ours)) {
        throw new IllegalArgumentException(
            "input column mapping '" + e + "': " + channelName + " has no column '" + ours
                + "' (it has " + KNOWN.get(channel) + ")");
      }
      if (theirs.isEmpty()) {
        throw new IllegalArgumentException("input column mapping '" + e + "' names no column");
      }
      m.computeIfAbsent(channel, c -> new TreeMap<>()).put(ours, theirs);
    }
    return new ColumnNames(m);
  }

  /** The mapping as {@code channel.our_name=their_name} entries ({@link #parse}'s input). */
  public List<String> entries() {
    List<String> out = new ArrayList<>();
    configured.forEach(
        (c, m) -> m.forEach((ours, theirs) -> out.add(c.folder() + "." + ours + "=" + theirs)));
    return out;
  }

  /** The contract's column names of a channel (the keys a mapping may use). */
  public static List<String> known(Channel channel) {
    return KNOWN.get(channel);
  }

  /** The names tried, in order, for {@code ours}: configured, the contract's, built-in aliases. */
  public List<String> candidates(Channel channel, String ours) {
    Set<String> c = new LinkedHashSet<>();
    String mapped = configured.get(channel).get(ours);
    if (mapped != null) {
      c.add(mapped);
    }
    c.add(ours);
    c.addAll(ALIASES.get(channel).getOrDefault(ours, List.of()));
    return new ArrayList<>(c);
  }

  /**
   * The name {@code ours} has among {@code present} (a file's column names, or a book level's
   * field names), or null when it has none.
   *
   * @param where for errors: the column (e.g. {@code bids.amount}) as people should read it
   * @throws MissingColumnException when a present name looks like {@code ours} but is not mapped
   */
  public String resolve(
      String file, Channel channel, Collection<String> present, String ours, String where) {
    List<String> candidates = candidates(channel, ours);
    for (String c : candidates) {
      if (present.contains(c)) {
        return c;
      }
    }
    Set<String> looks = new LinkedHashSet<>();
    for (String c : candidates) {
      looks.add(normal(c));
    }
    for (String p : present) {
      if (looks.contains(normal(p)) && !isKnown(channel, p)) {
        throw new MissingColumnException(
            file,
            where,
            "is missing, but the file has '"
                + p
                + "': map it in the config (input.columns."
                + channel.folder()
                + "."
                + ours
                + ": "
                + p
                + ")");
      }
    }
    return null;
  }

  private static boolean isKnown(Channel channel, String name) {
    if (KNOWN.get(channel).contains(name)) {
      return true;
    }
    for (List<String> a : ALIASES.get(channel).values()) {
      if (a.contains(name)) {
        return true;
      }
    }
    return false;
  }

  /** How to say where {@code ours} was looked for, for a missing-column error. */
  public String describe(Channel channel, String ours) {
    List<String> c = candidates(channel, ours);
    return c.size() == 1 ? "" : " (looked for " + String.join(", ", c) + ")";
  }

  private static String normal(String name) {
    return name.replace("_", "").toLowerCase(Locale.ROOT);
  }

  private static List<String> concat(List<String> a, String... b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(List.of(b));
    return List.copyOf(out);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ColumnNames && ((ColumnNames) o).configured.equals(configured);
  }

  @Override
  public int hashCode() {
    return configured.hashCode();
  }

  @Override
  public String toString() {
    return entries().toString();
  }
}
