package io.microstructure.output;

import io.microstructure.model.MarketKey;
import java.util.Map;
import java.util.Set;

/**
 * Two markets would share a partition folder. The files do not hold the exchange and symbol, so
 * their rows could not be told apart. {@link io.microstructure.model.PartitionValue}'s escaping
 * gives distinct markets distinct folders: this guards that invariant. Raised by the commit before
 * it changes anything in the output root.
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
        + " would share the partition folder "
        + first.getKey()
        + (collisions.size() > 1 ? " (and " + (collisions.size() - 1) + " more folders)" : "")
        + "; nothing was written to the output root. Run them into separate output roots"
        + " (--symbol selects one).";
  }
}
