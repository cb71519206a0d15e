"""Opens output tables with every Python reader our users have, as they would, and reports what
each reader shows: rows per (exchange, symbol), the columns, and the type of the row time.

Usage: python open_outputs.py TABLE_DIR [TABLE_DIR ...]  -> JSON on stdout
{reader: {table_dir: {"columns": [...], "time_type": str, "total": n,
                      "markets": {"<exchange>\\t<symbol>": n} or null when the reader shows none}
                     or {"error": str}}}
"""
import json
import sys
import traceback

import duckdb
import pandas as pd
import polars as pl
import pyarrow.dataset as ds
import pyarrow.parquet as pq


def glob(table):
    return table + "/**/*.parquet"


def duckdb_frame(sql):
    con = duckdb.connect()
    try:
        rel = con.sql(sql)
        types = dict(zip(rel.columns, (str(t) for t in rel.types)))
        return rel.df(), types
    finally:
        con.close()


# Each reader returns a pandas DataFrame and the type name of every column as the reader sees it.
READERS = {
    "pandas.read_parquet(dir)": lambda t: typed_pandas(pd.read_parquet(t)),
    "pyarrow.parquet.read_table(dir)": lambda t: typed_arrow(pq.read_table(t)),
    "pyarrow.dataset(dir, partitioning='hive')": lambda t: typed_arrow(
        ds.dataset(t, partitioning="hive").to_table()
    ),
    "pyarrow.dataset(dir)": lambda t: typed_arrow(ds.dataset(t).to_table()),
    "polars.scan_parquet(dir)": lambda t: typed_polars(pl.scan_parquet(t).collect()),
    "polars.scan_parquet(glob, hive_partitioning=True)": lambda t: typed_polars(
        pl.scan_parquet(glob(t), hive_partitioning=True).collect()
    ),
    "polars.scan_parquet(glob, hive_partitioning=False)": lambda t: typed_polars(
        pl.scan_parquet(glob(t), hive_partitioning=False).collect()
    ),
    "duckdb read_parquet(glob)": lambda t: duckdb_frame(
        f"SELECT * FROM read_parquet('{glob(t)}')"
    ),
    "duckdb read_parquet(glob, hive_partitioning=false)": lambda t: duckdb_frame(
        f"SELECT * FROM read_parquet('{glob(t)}', hive_partitioning = false)"
    ),
}


def typed_pandas(df):
    return df, {c: str(t) for c, t in df.dtypes.items()}


def typed_arrow(table):
    return table.to_pandas(), {f.name: str(f.type) for f in table.schema}


def typed_polars(df):
    return df.to_pandas(), {c: str(t) for c, t in df.schema.items()}


def describe(df, types):
    time = next((c for c in ("capture_ts", "bar_start") if c in types), None)
    out = {
        "columns": list(types),
        "time_type": types.get(time),
        "total": int(len(df)),
        "markets": None,
    }
    if "exchange" in df.columns and "symbol" in df.columns:
        counts = df.groupby([df["exchange"].astype(str), df["symbol"].astype(str)]).size()
        out["markets"] = {f"{e}\t{s}": int(n) for (e, s), n in counts.items()}
    return out


def main(tables):
    versions = {
        "pandas": pd.__version__,
        "pyarrow": __import__("pyarrow").__version__,
        "polars": pl.__version__,
        "duckdb": duckdb.__version__,
    }
    result = {"versions": versions, "readers": {}}
    for name, read in READERS.items():
        per_table = {}
        for table in tables:
            try:
                per_table[table] = describe(*read(table))
            except Exception as e:  # the test reports which reader failed on which table
                per_table[table] = {
                    "error": f"{type(e).__name__}: {e}",
                    "trace": traceback.format_exc(limit=3),
                }
        result["readers"][name] = per_table
    json.dump(result, sys.stdout, indent=1)


if __name__ == "__main__":
    main(sys.argv[1:])
