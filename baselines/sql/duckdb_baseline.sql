-- DuckDB baseline for `bin/etl bench`: what a user would write in SQL to get our order-book
-- features from the same raw files. Parameters, substituted as text before the script runs:
--   ${raw_root}    the raw root (its ready/ccxt/{orderbook,trades}/*.parquet are read)
--   ${output_dir}  where the table is written: exchange=/symbol=/date= Hive partitions, Snappy
-- The bench runs it through DuckDbBaseline (DuckDB JDBC, 2 threads, its own JVM); by hand:
--   raw_root=R output_dir=O envsubst < duckdb_baseline.sql | duckdb
--
-- Per (exchange, symbol) in (capture_ts, seq) order it computes, with features.md's definitions
-- and default parameters: the structural columns (top of book, mid, spread, microprice, depth and
-- imbalance at 1/3/5/10/20 levels, VWAP at 3/5/10/20, band depths at 5/10/25/50/100 bps, slopes,
-- level counts, book_crossed), ofi (level-1 Cont-Kukanov-Stoikov flow, null at the first snapshot
-- of a run: gap > 300 s), per-snapshot buy_volume / sell_volume / tfi (trades assigned by an
-- ASOF join: prev < trade <= this, ties broken by seq) and 60 s rolling ofi_sum_60 and tfi_60.
-- It drops invalid rows (null keys, non-finite or non-positive prices, non-finite or negative
-- amounts, side not buy/sell), duplicate snapshots and repeated trade ids, as we do.
--
-- What it does not do that our pipeline does: the other ~70 hf columns (ofi_2..10, mlofi,
-- ofi_ewm, log returns, VPIN, the other rolling horizons, Kyle's lambda, spread regime, forward
-- returns) and the other tables (time bars, trades hf, volume bars, ticker hf); dead letters
-- (invalid rows are dropped, not written with a reason); the book-order check (bids strictly
-- descending, asks strictly ascending) and the capture_ts plausibility window; the file position
-- as last tie-breaker of equal (capture_ts, seq), and m <= n among snapshots of equal capture_ts
-- in the rolling window (RANGE frames include such peers); the completion record. Its layout is
-- ours: DuckDB escapes partition values as we do (symbol=BTC%2FUSDT) and leaves the partition
-- columns out of the files.
--
-- Stages compute each list expression once: DuckDB re-expands a macro argument or a column alias
-- wherever it is used, so an expression reused in the same SELECT is evaluated again.

SET TimeZone = 'UTC';

CREATE OR REPLACE TEMP MACRO valid_side(side) AS
  side IS NOT NULL AND list_bool_and(list_transform(side, x -> coalesce(
    isfinite(x.price) AND x.price > 0 AND isfinite(x.amount) AND x.amount >= 0, false)))
    IS NOT FALSE;
-- Books are handled as plain lists of prices (p) and amounts (q) per side: struct fields read
-- inside lambdas cost several times more.
-- Cumulative amount from level 1: [q1, q1 + q2, ...], each a sequential sum.
CREATE OR REPLACE TEMP MACRO cumulative(q) AS
  list_transform(range(1, len(q) + 1), i -> list_sum(q[1:i]));
-- Depth of the first l levels from the cumulative amounts (0 for an empty side).
CREATE OR REPLACE TEMP MACRO depth(cum, l) AS coalesce(cum[least(l, len(cum))], 0);
-- Sums of products are dot products: native, no per-element lambda.
CREATE OR REPLACE TEMP MACRO notional(p, q, l) AS
  CASE WHEN len(p) > 0 THEN list_dot_product(p[1:l], q[1:l]) END;
CREATE OR REPLACE TEMP MACRO imbalance(b, a) AS
  CASE WHEN b = 0 AND a = 0 THEN NULL ELSE (b - a) / (b + a) END;
-- Distance from the mid in bps, positive away from it (sgn -1 for bids, +1 for asks).
CREATE OR REPLACE TEMP MACRO dist_bps(price, mid, sgn) AS
  CASE WHEN sgn < 0 THEN 1e4 * (mid - price) / mid ELSE 1e4 * (price - mid) / mid END;
-- Amount of the levels within bps of the mid; the 1e-12 slack counts an edge level either way.
-- Null without a mid (dist is null then).
CREATE OR REPLACE TEMP MACRO band_depth(dist, q, bps) AS
  CASE WHEN dist IS NOT NULL THEN coalesce(list_dot_product(q,
    list_transform(dist, d -> CASE WHEN d <= bps * (1 + 1e-12) THEN 1.0 ELSE 0.0 END)), 0) END;
-- OLS slope (with intercept) of ys on xs given their means; null under 2 points or equal xs.
CREATE OR REPLACE TEMP MACRO ols_slope(xs, ys, mx, my) AS
  CASE WHEN len(xs) >= 2 THEN
    list_dot_product(list_transform(xs, x -> x - mx), list_transform(ys, y -> y - my))
      / nullif(list_dot_product(list_transform(xs, x -> x - mx),
        list_transform(xs, x -> x - mx)), 0)
  END;
-- Level-1 order-flow imbalance (features.md "Delta-based"), null when a price is missing.
CREATE OR REPLACE TEMP MACRO level_flow(pb, pqb, b, qb, pa, pqa, a, qa) AS
  CASE WHEN pb IS NOT NULL AND b IS NOT NULL AND pa IS NOT NULL AND a IS NOT NULL THEN
    (CASE WHEN b >= pb THEN qb ELSE 0 END) - (CASE WHEN b <= pb THEN pqb ELSE 0 END)
    - (CASE WHEN a <= pa THEN qa ELSE 0 END) + (CASE WHEN a >= pa THEN pqa ELSE 0 END)
  END;

-- Valid snapshots, the first of each duplicate kept, numbered per market in capture order.
-- A table, not a view: the trade assignment and the features both read it.
CREATE OR REPLACE TEMP TABLE books AS
SELECT exchange, symbol, capture_ts, seq,
  list_transform(bids[1:20], x -> x.price) AS bp, list_transform(bids[1:20], x -> x.amount) AS bq,
  list_transform(asks[1:20], x -> x.price) AS ap, list_transform(asks[1:20], x -> x.amount) AS aq,
  row_number() OVER (PARTITION BY exchange, symbol ORDER BY capture_ts, seq NULLS FIRST) AS n
FROM (
  SELECT DISTINCT ON (exchange, symbol, capture_ts, bids, asks) *
  FROM read_parquet('${raw_root}/ready/ccxt/orderbook/*.parquet')
  WHERE exchange IS NOT NULL AND symbol IS NOT NULL AND capture_ts IS NOT NULL
    AND valid_side(bids) AND valid_side(asks)
  ORDER BY exchange, symbol, capture_ts, bids, asks, seq NULLS FIRST);

-- Valid trades, the first of each repeated id kept.
CREATE OR REPLACE TEMP VIEW trades AS
SELECT exchange, symbol, capture_ts, seq, side, amount
FROM read_parquet('${raw_root}/ready/ccxt/trades/*.parquet')
WHERE exchange IS NOT NULL AND symbol IS NOT NULL AND capture_ts IS NOT NULL
  AND side IN ('buy', 'sell') AND isfinite(price) AND price > 0
  AND isfinite(amount) AND amount >= 0
QUALIFY id IS NULL OR row_number() OVER (
  PARTITION BY exchange, symbol, id ORDER BY capture_ts, seq NULLS FIRST) = 1;

-- Each trade goes to the first snapshot at or after it in (capture_ts, seq) order.
CREATE OR REPLACE TEMP VIEW flow AS
SELECT b.exchange, b.symbol, b.n,
  sum(t.amount) FILTER (WHERE t.side = 'buy') AS buy_volume,
  sum(t.amount) FILTER (WHERE t.side = 'sell') AS sell_volume
FROM trades t ASOF JOIN books b
  ON t.exchange = b.exchange AND t.symbol = b.symbol
  AND {'ts': t.capture_ts, 'seq': coalesce(t.seq, -1)}
    <= {'ts': b.capture_ts, 'seq': coalesce(b.seq, -1)}
GROUP BY ALL;

-- Top of book, the previous snapshot's, trade flow and the per-level lists.
CREATE OR REPLACE TEMP VIEW stage1 AS
SELECT exchange, symbol, capture_ts, bp, bq, ap, aq,
  bp[1] AS best_bid, ap[1] AS best_ask, bq[1] AS best_bid_size, aq[1] AS best_ask_size,
  (bp[1] + ap[1]) / 2 AS mid_price,
  lag(capture_ts) OVER w AS prev_ts,
  lag(bp[1]) OVER w AS prev_bid, lag(bq[1]) OVER w AS prev_bid_size,
  lag(ap[1]) OVER w AS prev_ask, lag(aq[1]) OVER w AS prev_ask_size,
  coalesce(f.buy_volume, 0) AS buy_volume, coalesce(f.sell_volume, 0) AS sell_volume,
  cumulative(bq) AS bid_cum, cumulative(aq) AS ask_cum
FROM books b LEFT JOIN flow f USING (exchange, symbol, n)
WINDOW w AS (PARTITION BY exchange, symbol ORDER BY n);

CREATE OR REPLACE TEMP VIEW stage2 AS
SELECT *,
  best_ask - best_bid AS spread,
  CASE WHEN best_bid_size + best_ask_size = 0 THEN mid_price
    ELSE (best_bid * best_ask_size + best_ask * best_bid_size) / (best_bid_size + best_ask_size)
  END AS microprice,
  depth(bid_cum, 1) AS bid_depth_1, depth(ask_cum, 1) AS ask_depth_1,
  depth(bid_cum, 3) AS bid_depth_3, depth(ask_cum, 3) AS ask_depth_3,
  depth(bid_cum, 5) AS bid_depth_5, depth(ask_cum, 5) AS ask_depth_5,
  depth(bid_cum, 10) AS bid_depth_10, depth(ask_cum, 10) AS ask_depth_10,
  depth(bid_cum, 20) AS bid_depth_20, depth(ask_cum, 20) AS ask_depth_20,
  notional(bp, bq, 3) AS bid_notional_3, notional(ap, aq, 3) AS ask_notional_3,
  notional(bp, bq, 5) AS bid_notional_5, notional(ap, aq, 5) AS ask_notional_5,
  notional(bp, bq, 10) AS bid_notional_10, notional(ap, aq, 10) AS ask_notional_10,
  notional(bp, bq, 20) AS bid_notional_20, notional(ap, aq, 20) AS ask_notional_20,
  -- Distances from the mid, for the bands and the slopes; null without a mid.
  CASE WHEN mid_price IS NOT NULL THEN
    list_transform(bp, p -> dist_bps(p, mid_price, -1)) END AS bid_dist,
  CASE WHEN mid_price IS NOT NULL THEN
    list_transform(ap, p -> dist_bps(p, mid_price, 1)) END AS ask_dist,
  CASE WHEN prev_ts >= capture_ts - INTERVAL 300 SECONDS THEN level_flow(
    prev_bid, prev_bid_size, best_bid, best_bid_size,
    prev_ask, prev_ask_size, best_ask, best_ask_size) END AS ofi
FROM stage1;

CREATE OR REPLACE TEMP VIEW stage3 AS
SELECT *,
  band_depth(bid_dist, bq, 5) AS bid_band_depth_5,
  band_depth(ask_dist, aq, 5) AS ask_band_depth_5,
  band_depth(bid_dist, bq, 10) AS bid_band_depth_10,
  band_depth(ask_dist, aq, 10) AS ask_band_depth_10,
  band_depth(bid_dist, bq, 25) AS bid_band_depth_25,
  band_depth(ask_dist, aq, 25) AS ask_band_depth_25,
  band_depth(bid_dist, bq, 50) AS bid_band_depth_50,
  band_depth(ask_dist, aq, 50) AS ask_band_depth_50,
  band_depth(bid_dist, bq, 100) AS bid_band_depth_100,
  band_depth(ask_dist, aq, 100) AS ask_band_depth_100,
  list_avg(bid_dist) AS bid_dist_mean, list_avg(bid_cum) AS bid_cum_mean,
  list_avg(ask_dist) AS ask_dist_mean, list_avg(ask_cum) AS ask_cum_mean,
  sum(coalesce(ofi, 0)) OVER w60 AS ofi_sum_60,
  sum(buy_volume) OVER w60 AS buy_60, sum(sell_volume) OVER w60 AS sell_60
FROM stage2
-- The window t_m > t_n - 60 s on integer microseconds.
WINDOW w60 AS (PARTITION BY exchange, symbol ORDER BY epoch_us(capture_ts)
  RANGE BETWEEN 59999999 PRECEDING AND CURRENT ROW);

COPY (
  SELECT
    exchange,
    symbol,
    CAST(capture_ts AS DATE) AS date,
    capture_ts,
    best_bid, best_ask, best_bid_size, best_ask_size, mid_price,
    spread,
    1e4 * spread / mid_price AS spread_bps,
    microprice,
    1e4 * (microprice - mid_price) / mid_price AS micro_minus_mid_bps,
    bid_depth_1, ask_depth_1, imbalance(bid_depth_1, ask_depth_1) AS imbalance_1,
    bid_depth_3, ask_depth_3, imbalance(bid_depth_3, ask_depth_3) AS imbalance_3,
    bid_depth_5, ask_depth_5, imbalance(bid_depth_5, ask_depth_5) AS imbalance_5,
    bid_depth_10, ask_depth_10, imbalance(bid_depth_10, ask_depth_10) AS imbalance_10,
    bid_depth_20, ask_depth_20, imbalance(bid_depth_20, ask_depth_20) AS imbalance_20,
    bid_notional_3 / nullif(bid_depth_3, 0) AS bid_vwap_3,
    ask_notional_3 / nullif(ask_depth_3, 0) AS ask_vwap_3,
    bid_notional_5 / nullif(bid_depth_5, 0) AS bid_vwap_5,
    ask_notional_5 / nullif(ask_depth_5, 0) AS ask_vwap_5,
    bid_notional_10 / nullif(bid_depth_10, 0) AS bid_vwap_10,
    ask_notional_10 / nullif(ask_depth_10, 0) AS ask_vwap_10,
    bid_notional_20 / nullif(bid_depth_20, 0) AS bid_vwap_20,
    ask_notional_20 / nullif(ask_depth_20, 0) AS ask_vwap_20,
    bid_band_depth_5, ask_band_depth_5,
    imbalance(bid_band_depth_5, ask_band_depth_5) AS band_imbalance_5,
    bid_band_depth_10, ask_band_depth_10,
    imbalance(bid_band_depth_10, ask_band_depth_10) AS band_imbalance_10,
    bid_band_depth_25, ask_band_depth_25,
    imbalance(bid_band_depth_25, ask_band_depth_25) AS band_imbalance_25,
    bid_band_depth_50, ask_band_depth_50,
    imbalance(bid_band_depth_50, ask_band_depth_50) AS band_imbalance_50,
    bid_band_depth_100, ask_band_depth_100,
    imbalance(bid_band_depth_100, ask_band_depth_100) AS band_imbalance_100,
    ols_slope(bid_dist, bid_cum, bid_dist_mean, bid_cum_mean) AS bid_slope,
    ols_slope(ask_dist, ask_cum, ask_dist_mean, ask_cum_mean) AS ask_slope,
    len(bp) AS bid_levels, len(ap) AS ask_levels,
    best_bid >= best_ask AS book_crossed,
    ofi,
    buy_volume, sell_volume,
    CASE WHEN buy_volume + sell_volume > 0
      THEN (buy_volume - sell_volume) / (buy_volume + sell_volume) END AS tfi,
    ofi_sum_60,
    CASE WHEN buy_60 + sell_60 > 0 THEN (buy_60 - sell_60) / (buy_60 + sell_60) END AS tfi_60
  FROM stage3
) TO '${output_dir}' (FORMAT parquet, COMPRESSION snappy,
  PARTITION_BY (exchange, symbol, date), OVERWRITE);
