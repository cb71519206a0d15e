package io.microstructure.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.microstructure.model.Channel;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;

/** {@code --channels} is a list of choices Beam parses itself. */
class ChannelChoiceTest {
  private static MicrostructureOptions parse(String... args) {
    return PipelineOptionsFactory.fromArgs(args).as(MicrostructureOptions.class);
  }

  @Test
  void beamParsesTheChoicesInEitherCase() {
    assertThat(parse("--channels=Orderbook,trades").getChannels())
        .containsExactly(ChannelChoice.ORDERBOOK, ChannelChoice.TRADES);
    assertThat(parse().getChannels()).containsExactly(ChannelChoice.ALL);
    assertThat(ChannelChoice.channels(parse("--channels=ticker,all").getChannels()))
        .containsExactlyInAnyOrder(Channel.ORDERBOOK, Channel.TRADES, Channel.TICKER);
    assertThat(ChannelChoice.channels(List.of(ChannelChoice.TRADES)))
        .containsExactly(Channel.TRADES);
  }

  @Test
  void anUnknownChannelIsNamedWithTheChoices() {
    assertThatThrownBy(() -> parse("--channels=orderbook,candles").getChannels())
        .hasStackTraceContaining("unknown channel 'candles' (orderbook, trades, ticker, all)");
    assertThatThrownBy(() -> ChannelChoice.channels(List.of()))
        .hasMessageContaining("no channel selected");
  }

  @Test
  void writtenBackAsUsersTypeThem() {
    MicrostructureOptions o = parse("--channels=TRADES");
    assertThat(o.getChannels().toString()).isEqualTo("[trades]");
  }
}
