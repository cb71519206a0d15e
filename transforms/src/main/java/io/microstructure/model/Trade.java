package io.microstructure.model;

/**
 * One valid public trade as read.
 *
 * @param id exchange trade id, or null when the exchange gave none (such trades are never
 *     duplicates)
 * @param buy true when the taker bought
 */
public record Trade(
    String exchange,
    String symbol,
    long captureTs,
    long seq,
    long fileKey,
    long row,
    String id,
    boolean buy,
    double price,
    double amount)
    implements RawRow {

  public MarketKey key() {
    return MarketKey.of(exchange, symbol);
  }
}
