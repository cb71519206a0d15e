/**
 * Deterministic sample market in the raw input layout of data-contract.md: what {@code etl
 * generate} and {@code etl demo} run and what every end-to-end test reads.
 *
 * <h2>Entry points</h2>
 *
 * <ul>
 *   <li>{@link io.microstructure.generate.GeneratorConfig} (builder, defaults: 2026-01-05T00:00Z, 1
 *       h, seed 42, binance + okx x BTC/USDT, ETH/USDT, SOL/USDT, 1000PEPE/USDT:USDT, 10 Hz, 20
 *       levels, edge cases at 0.1% each, one capture gap per hour).
 *   <li>{@link io.microstructure.generate.SampleMarketGenerator#generate} writes {@code
 *       ready/<source>/{orderbook,trades,ticker}/segment_<start>_<end>.parquet}, {@code
 *       legacy/<source>/segment_<start>_<end>.ndjson.gz} and {@code manifest.json} ({@link
 *       io.microstructure.generate.GenerationManifest}).
 *   <li>{@link io.microstructure.generate.GenerateCommand}: the picocli {@code generate} command.
 * </ul>
 *
 * <h2>Market model</h2>
 *
 * Per symbol one latent log price (Gaussian walk on a 50 ms grid, 0.45-1.2 annualised vol, a few
 * 8-30 bps jumps per hour) shared by all exchanges; per (exchange, symbol) a mean-reverting basis
 * of ~1 bps, a spread of 1-3 ticks (30/60/10%) with wide episodes (x3-6 + 2 ticks, 15-60 s, every
 * ~5 min), 20 levels per side 1-3 ticks apart whose prices persist between snapshots and whose
 * lognormal amounts drift (growing ~15% per level of depth), snapshots every 100 ms +-30%, Poisson
 * trades (BTC 4/s, ETH 2.5/s, SOL 1.5/s, PEPE 1/s on binance; okx x0.6) whose taker side leans on
 * the mid one second later (P(buy) = 0.5 + 0.25 sign(move)), tickers every 1 s +-15%, and a capture
 * latency of 5-80 ms between {@code timestamp} and {@code capture_ts}. Prices and amounts are exact
 * decimals (integer ticks and lots); the NDJSON prints them from the integers.
 *
 * <h2>Decisions where the contract is silent</h2>
 *
 * <ul>
 *   <li>Segments are cut at UTC hour boundaries and at the configured start/end; the name is the
 *       covered interval (a 10-minute run writes {@code segment_..T000000_..T001000}). Every
 *       segment has all three Parquet files, possibly with zero rows.
 *   <li>Within a file rows are ordered by (capture_ts, seq, exchange); a row whose capture_ts was
 *       nulled (invalid) stays where it arrived. The NDJSON uses the same global order, so each
 *       exchange's lines are in seq order.
 *   <li>seq is numbered per exchange over all its symbols and channels, invalid rows included (a
 *       row whose exchange was nulled keeps its number). Ties of capture_ts are broken by a seeded
 *       random key; a duplicate snapshot takes the very next seq.
 *   <li>A capture gap silences every channel of its key (trades made during the outage still count
 *       in the exchange's ticker statistics, as a real ticker would). {@code --clean} keeps the
 *       gaps; {@code gapsPerHour(0)} removes them.
 *   <li>Invalid rows are extra rows next to real ones (never replacing them), one defect each.
 *       Ticker rows are only made invalid by a null exchange/symbol/capture_ts (the contract's
 *       price rules are not applied to ticker columns). A trade side defect is either a bad string
 *       ("BUY?", "unknown": {@code side_invalid}) or null ({@code side_null}). NaN is written as
 *       JSON null in the NDJSON; a non-positive or negative value as is.
 *   <li>Invalid trades get ids from a range of their own (90e9+), so they never repeat a real id; a
 *       repeated id is always a re-emitted identical trade (same exchange time, later capture).
 *   <li>Crossed (bid &gt; ask by 1-2 ticks) and locked books are emitted copies of the real book
 *       with the ask side shifted; one-sided books have an empty (not null) side. Duplicates are
 *       only made of ordinary snapshots.
 *   <li>Ticker open/high/low/close/vwap/volumes/change/percentage accumulate from the start of the
 *       data (not a 24 h window); before the first trade they are null, volumes 0.
 *   <li>nonce is an increasing update id per key on every exchange.
 *   <li>capture_ts is written as Avro timestamp-micros, i.e. Parquet TIMESTAMP(MICROS, UTC
 *       adjusted); DuckDB reads it as TIMESTAMP WITH TIME ZONE.
 *   <li>Dictionary encoding only for string and price columns (amounts, ids and times would
 *       overflow the dictionary and fall back); Snappy; 64 MB row groups.
 * </ul>
 */
package io.microstructure.generate;
