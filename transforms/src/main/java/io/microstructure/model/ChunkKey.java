package io.microstructure.model;

import java.io.Serializable;

/** One time chunk of a market: the key of a chunked replay. */
public record ChunkKey(MarketKey market, long chunk) implements Serializable {
  private static final long serialVersionUID = 1L;
}
