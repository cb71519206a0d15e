package io.microstructure.generate;

/** How the order-book channel stores its levels on disk (data-contract.md accepts both). */
public enum BookLayout {
  /** {@code list<struct<price: double, amount: double>>} (schemas/avro/orderbook.avsc). */
  STRUCT("orderbook"),
  /**
   * {@code list<list<double>>} of {@code [price, amount]} pairs
   * (schemas/avro/orderbook_pairs.avsc).
   */
  PAIRS("orderbook_pairs");

  private final String schemaName;

  BookLayout(String schemaName) {
    this.schemaName = schemaName;
  }

  /** Name of the raw Avro schema resource ({@code io/microstructure/schemas/<name>.avsc}). */
  public String schemaName() {
    return schemaName;
  }
}
