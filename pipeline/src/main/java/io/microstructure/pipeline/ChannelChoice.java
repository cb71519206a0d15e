package io.microstructure.pipeline;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.microstructure.model.Channel;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A value of {@code --channels}: a channel whose feature tables to produce, or {@code all} (every
 * channel the input has). Beam parses the option itself, in either case.
 */
public enum ChannelChoice {
  ORDERBOOK(Channel.ORDERBOOK),
  TRADES(Channel.TRADES),
  TICKER(Channel.TICKER),
  ALL(null);

  private final Channel channel;

  ChannelChoice(Channel channel) {
    this.channel = channel;
  }

  /** {@code orderbook}, {@code trades}, {@code ticker} or {@code all}, any case. */
  @JsonCreator
  public static ChannelChoice parse(String s) {
    for (ChannelChoice c : values()) {
      if (c.toString().equals(s.trim().toLowerCase(Locale.ROOT))) {
        return c;
      }
    }
    throw new IllegalArgumentException(
        "unknown channel '"
            + s
            + "' ("
            + Arrays.stream(values()).map(ChannelChoice::toString).collect(Collectors.joining(", "))
            + ")");
  }

  /** The choice naming one channel. */
  public static ChannelChoice of(Channel channel) {
    return valueOf(channel.name());
  }

  /** The channels chosen: {@code all} is every one. */
  public static Set<Channel> channels(List<ChannelChoice> choices) {
    EnumSet<Channel> channels = EnumSet.noneOf(Channel.class);
    for (ChannelChoice c : choices) {
      if (c == ALL) {
        channels.addAll(EnumSet.allOf(Channel.class));
      } else {
        channels.add(c.channel);
      }
    }
    if (channels.isEmpty()) {
      throw new IllegalArgumentException("no channel selected (orderbook, trades, ticker, all)");
    }
    return channels;
  }

  @JsonValue
  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
