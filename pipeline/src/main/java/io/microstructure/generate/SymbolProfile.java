package io.microstructure.generate;

/**
 * Market parameters of one symbol. Prices live on a tick grid of 10^-priceDecimals and amounts on a
 * lot grid of 10^-amountDecimals, so every price and amount is an exact decimal.
 *
 * @param priceDecimals tick = 10^-priceDecimals
 * @param initialPrice price level around which the latent path starts
 * @param annualVol annualised volatility of the latent log price
 * @param jumpsPerHour mean number of price jumps per hour
 * @param amountDecimals lot = 10^-amountDecimals
 * @param levelAmount median amount at the best level (deeper levels hold more)
 * @param tradesPerSecond Poisson trade rate on an exchange with rate multiplier 1
 * @param tradeAmount median trade amount
 */
record SymbolProfile(
    String symbol,
    int priceDecimals,
    double initialPrice,
    double annualVol,
    double jumpsPerHour,
    int amountDecimals,
    double levelAmount,
    double tradesPerSecond,
    double tradeAmount) {

  /** Known profiles by base currency; anything else gets a generic mid-cap profile. */
  static SymbolProfile of(String symbol) {
    String base = symbol.contains("/") ? symbol.substring(0, symbol.indexOf('/')) : symbol;
    switch (base.toUpperCase(java.util.Locale.ROOT)) {
      case "BTC":
        return new SymbolProfile(symbol, 1, 60_000, 0.45, 4, 5, 0.6, 4.0, 0.004);
      case "ETH":
        return new SymbolProfile(symbol, 2, 3_000, 0.60, 4, 4, 8, 2.5, 0.08);
      case "SOL":
        return new SymbolProfile(symbol, 3, 150, 0.80, 4, 3, 150, 1.5, 2);
      case "1000PEPE":
        return new SymbolProfile(symbol, 7, 0.012, 1.20, 5, 0, 2_000_000, 1.0, 50_000);
      default:
        return new SymbolProfile(symbol, 3, 25, 0.80, 4, 2, 400, 1.0, 5);
    }
  }

  double tick() {
    return StrictMath.pow(10, -priceDecimals);
  }
}
