#!/usr/bin/env python3
"""Polars baseline for `bin/etl bench`: the structural order-book features that our
`bin/etl run --mode vectorized` writes, computed with Polars from the same raw files.

    POLARS_MAX_THREADS=2 python polars_structural.py --raw-root R --output O [--report-json F]

Reads <R>/ready/ccxt/orderbook/*.parquet (bids/asks: list<struct<price, amount>>, best level
first), drops invalid rows (null exchange, symbol or capture_ts; a level with a non-finite or
non-positive price, or a non-finite or negative amount) and computes, per snapshot, with
features.md's definitions and default parameters: best bid/ask and sizes, mid_price, spread,
spread_bps, microprice, micro_minus_mid_bps, bid/ask_depth_L and imbalance_L (L = 1, 3, 5, 10,
20), bid/ask_vwap_L (L = 3, 5, 10, 20), band depths and band_imbalance_B (B = 5, 10, 25, 50, 100
bps), bid/ask_slope, bid/ask_levels and book_crossed. Writes Snappy Parquet under
<O>/exchange=/symbol=/date= and prints one JSON line: wall time (scan to last file written, not
the interpreter's start) and the process's peak RSS.

Like our vectorized mode it keeps duplicate snapshots (nothing there needs order). What it does
not do that we do: dead letters (invalid rows are dropped, not written with a reason), the
book-order check (bids strictly descending, asks strictly ascending), the capture_ts plausibility
window. Its layout is ours: polars escapes partition values as we do (symbol=BTC%2FUSDT).
"""
import argparse
import json
import resource
import time

import polars as pl

MAX_LEVELS = 20
DEPTH_LEVELS = (1, 3, 5, 10, 20)
BANDS_BPS = (5, 10, 25, 50, 100)
# A level on a band's edge counts whichever way its distance rounded (as StructuralFeatures).
BAND_SLACK = 1 + 1e-12


def valid_levels(side: str) -> pl.Expr:
    level = pl.element()
    price = level.struct.field("price")
    amount = level.struct.field("amount")
    ok = price.is_finite() & (price > 0) & amount.is_finite() & (amount >= 0)
    return pl.col(side).is_not_null() & pl.col(side).list.eval(ok.fill_null(False)).list.all()


def imbalance(bid: pl.Expr, ask: pl.Expr) -> pl.Expr:
    return pl.when((bid == 0) & (ask == 0)).then(None).otherwise((bid - ask) / (bid + ask))


def side_columns(prefix: str, sign: int) -> tuple[list, list]:
    """Per-side lists: prices, amounts, distance from the mid in bps (away from it), cumulative
    amount."""
    side = "bids" if prefix == "bid" else "asks"
    levels = pl.col(side).list.head(MAX_LEVELS)
    p, q = f"{prefix}_p", f"{prefix}_q"
    return [
        levels.list.eval(pl.element().struct.field("price")).alias(p),
        levels.list.eval(pl.element().struct.field("amount")).alias(q),
    ], [
        # 1e4 * (mid - b) / mid for bids, 1e4 * (a - mid) / mid for asks; null without a mid.
        pl.when(pl.col("mid_price").is_not_null())
        .then(
            ((pl.col("mid_price") - pl.col(p)) if sign < 0 else (pl.col(p) - pl.col("mid_price")))
            * 1e4
            / pl.col("mid_price")
        )
        .alias(f"{prefix}_dist"),
        pl.col(q).list.eval(pl.element().cum_sum()).alias(f"{prefix}_cum"),
    ]


def slope(prefix: str) -> pl.Expr:
    """OLS slope (with intercept) of cumulative amount on distance; null under 2 levels."""
    x, y = pl.col(f"{prefix}_dist"), pl.col(f"{prefix}_cum")
    dx = x - x.list.mean()
    sxx = (dx * dx).list.sum()
    sxy = (dx * (y - y.list.mean())).list.sum()
    return (
        pl.when((x.list.len() >= 2) & (sxx > 0)).then(sxy / sxx).otherwise(None).alias(f"{prefix}_slope")
    )


def structural(books: pl.LazyFrame) -> pl.LazyFrame:
    bid_lists, bid_derived = side_columns("bid", -1)
    ask_lists, ask_derived = side_columns("ask", 1)
    top = [
        pl.col("bid_p").list.first().alias("best_bid"),
        pl.col("ask_p").list.first().alias("best_ask"),
        pl.col("bid_q").list.first().alias("best_bid_size"),
        pl.col("ask_q").list.first().alias("best_ask_size"),
    ]
    bb, ba = pl.col("best_bid"), pl.col("best_ask")
    qb, qa = pl.col("best_bid_size"), pl.col("best_ask_size")
    mid = pl.col("mid_price")
    depths = []
    for level in DEPTH_LEVELS:
        depths.append(pl.col("bid_q").list.head(level).list.sum().alias(f"bid_depth_{level}"))
        depths.append(pl.col("ask_q").list.head(level).list.sum().alias(f"ask_depth_{level}"))
    notionals = []
    for level in DEPTH_LEVELS:
        if level > 1:
            for s in ("bid", "ask"):
                notionals.append(
                    (pl.col(f"{s}_p") * pl.col(f"{s}_q")).list.head(level).list.sum()
                    .alias(f"{s}_notional_{level}")
                )
    bands = []
    for bps in BANDS_BPS:
        for s in ("bid", "ask"):
            inside = pl.col(f"{s}_dist").list.eval(pl.element() <= bps * BAND_SLACK)
            bands.append(
                pl.when(mid.is_not_null())
                .then((pl.col(f"{s}_q") * inside.cast(pl.List(pl.Float64))).list.sum())
                .alias(f"{s}_band_depth_{bps}")
            )
    features = (
        books.with_columns(bid_lists + ask_lists)
        .with_columns(top)
        .with_columns(((bb + ba) / 2).alias("mid_price"))
        .with_columns(bid_derived + ask_derived + depths + notionals)
        .with_columns(
            *bands,
            (ba - bb).alias("spread"),
            pl.when(qb + qa == 0)
            .then(mid)
            .otherwise((bb * qa + ba * qb) / (qb + qa))
            .alias("microprice"),
        )
    )
    columns = [
        "exchange",
        "symbol",
        pl.col("capture_ts").dt.convert_time_zone("UTC").dt.date().alias("date"),
        "capture_ts",
        "best_bid",
        "best_ask",
        "best_bid_size",
        "best_ask_size",
        "mid_price",
        "spread",
        (1e4 * pl.col("spread") / mid).alias("spread_bps"),
        "microprice",
        (1e4 * (pl.col("microprice") - mid) / mid).alias("micro_minus_mid_bps"),
    ]
    for level in DEPTH_LEVELS:
        b, a = pl.col(f"bid_depth_{level}"), pl.col(f"ask_depth_{level}")
        columns += [b, a, imbalance(b, a).alias(f"imbalance_{level}")]
    for level in DEPTH_LEVELS:
        if level > 1:
            for s in ("bid", "ask"):
                depth = pl.col(f"{s}_depth_{level}")
                columns.append(
                    pl.when(depth == 0)
                    .then(None)
                    .otherwise(pl.col(f"{s}_notional_{level}") / depth)
                    .alias(f"{s}_vwap_{level}")
                )
    for bps in BANDS_BPS:
        b, a = pl.col(f"bid_band_depth_{bps}"), pl.col(f"ask_band_depth_{bps}")
        columns += [b, a, imbalance(b, a).alias(f"band_imbalance_{bps}")]
    columns += [
        slope("bid"),
        slope("ask"),
        pl.col("bid_p").list.len().alias("bid_levels"),
        pl.col("ask_p").list.len().alias("ask_levels"),
        (bb >= ba).alias("book_crossed"),
    ]
    return features.select(columns)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw-root", required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("--report-json")
    args = parser.parse_args()

    start = time.perf_counter()
    books = pl.scan_parquet(f"{args.raw_root}/ready/ccxt/orderbook/*.parquet").filter(
        pl.col("exchange").is_not_null()
        & pl.col("symbol").is_not_null()
        & pl.col("capture_ts").is_not_null()
        & valid_levels("bids")
        & valid_levels("asks")
    )
    table = structural(books).collect()
    table.write_parquet(
        args.output, compression="snappy", partition_by=["exchange", "symbol", "date"]
    )
    wall = time.perf_counter() - start

    report = {
        "tool": "polars",
        "version": pl.__version__,
        "threads": pl.thread_pool_size(),
        "rows_written": table.height,
        "wall_seconds": round(wall, 3),
        # ru_maxrss is in KiB on Linux.
        "peak_rss_bytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
    }
    line = json.dumps(report)
    print(line)
    if args.report_json:
        with open(args.report_json, "w") as f:
            f.write(line + "\n")


if __name__ == "__main__":
    main()
