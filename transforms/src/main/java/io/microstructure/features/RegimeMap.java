package io.microstructure.features;

import java.io.Serializable;

/**
 * The spread regime after a stretch of a key's snapshots, as a function of the regime before it:
 * what a time chunk of a market hands on, so that each chunk starts from the state one pass over
 * the market would reach. Maps compose along the market ({@link #then} is associative, with {@link
 * #identity()}), so the state before every chunk is a prefix over the chunks' maps, and no chunk
 * waits for the rows of another.
 */
public final class RegimeMap implements Serializable {
  private static final long serialVersionUID = 1L;

  private final byte[] image; // indexed by SpreadRegime.TIGHT, NORMAL, WIDE

  private RegimeMap(byte fromTight, byte fromNormal, byte fromWide) {
    this.image = new byte[] {fromTight, fromNormal, fromWide};
    for (byte b : image) {
      SpreadRegime.name(b); // checks the code
    }
  }

  /** The map of an empty stretch: every state stays. */
  public static RegimeMap identity() {
    return new RegimeMap(SpreadRegime.TIGHT, SpreadRegime.NORMAL, SpreadRegime.WIDE);
  }

  /** The map taking tight, normal and wide to these states. */
  public static RegimeMap of(byte fromTight, byte fromNormal, byte fromWide) {
    return new RegimeMap(fromTight, fromNormal, fromWide);
  }

  /** The state after the stretch, entered in {@code state}. */
  public byte apply(byte state) {
    return image[state];
  }

  /** This stretch followed by {@code next}'s. */
  public RegimeMap then(RegimeMap next) {
    return new RegimeMap(
        next.apply(image[SpreadRegime.TIGHT]),
        next.apply(image[SpreadRegime.NORMAL]),
        next.apply(image[SpreadRegime.WIDE]));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RegimeMap m && java.util.Arrays.equals(image, m.image);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(image);
  }

  @Override
  public String toString() {
    return "tight→"
        + SpreadRegime.name(image[0])
        + " normal→"
        + SpreadRegime.name(image[1])
        + " wide→"
        + SpreadRegime.name(image[2]);
  }
}
