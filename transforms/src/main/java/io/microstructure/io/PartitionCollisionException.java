package io.microstructure.io;

import io.microstructure.model.MarketKey;
import java.util.Map;
import java.util.Set;

/**
 * Two markets whose exchange and symbol are the same once made path-safe ({@code BTC/USDT} and
 * {@code BTC-USDT}) would share partition folders. Raised by the commit before it changes anything
 * in the output root.
 */
public final class PartitionCollisionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param collisions partition folder → the markets of its rows, for every folder with two or more
   */
  public PartitionCollisionException(Map<String, Set<MarketKey>> collisions) {
    super(message(collisions));
  }

  private static String message(Map<String, Set<MarketKey>> collisions) {
    Map.Entry<String, Set<MarketKey>> first = collisions.entrySet().iterator().next();
    StringBuilder names = new StringBuilder();
    for (MarketKey m : first.getValue()) {
      names.append(names.length() == 0 ? "" : " and ");
      names.append("'").append(m.symbol()).append("' on '").append(m.exchange()).append("'");
    }
    return "markets "
        + names
        + " are the same once made path-safe (characters outside [A-Za-z0-9._-] become '-') and"
        + " would share the partition folder "
        + first.getKey()
        + (collisions.size() > 1 ? " (and " + (collisions.size() - 1) + " more folders)" : "")
        + "; nothing was written to the output root. Run them into separate output roots"
        + " (--symbol selects one).";
  }
}
