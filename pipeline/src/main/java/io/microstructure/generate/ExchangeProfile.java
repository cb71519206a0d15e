package io.microstructure.generate;

/**
 * Per-exchange parameters: how busy the venue is relative to the reference, and its mean price
 * basis (bps) against the shared latent price.
 */
record ExchangeProfile(String exchange, double tradeRateMultiplier, double basisBps) {

  static ExchangeProfile of(String exchange) {
    switch (exchange) {
      case "binance":
        return new ExchangeProfile(exchange, 1.0, 0.0);
      case "okx":
        return new ExchangeProfile(exchange, 0.6, 0.8);
      case "bybit":
        return new ExchangeProfile(exchange, 0.7, -0.5);
      default:
        long h = Seeds.mix(Seeds.fnv1a(exchange));
        double u1 = (h >>> 11) * 0x1.0p-53;
        double u2 = (Seeds.mix(h) >>> 11) * 0x1.0p-53;
        return new ExchangeProfile(exchange, 0.4 + 0.6 * u1, -1.5 + 3 * u2);
    }
  }
}
