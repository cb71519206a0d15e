package io.microstructure.io;

import io.microstructure.model.EventPosition;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.schema.MessageType;

/**
 * The columns every channel shares (exchange, symbol, capture_ts, seq), resolved once per file.
 * {@link #read} checks the required ones and holds the current row's values; one instance belongs
 * to one bound decoder, used by one thread.
 */
final class KeyColumns {
  private final int exchange;
  private final int symbol;
  private final int captureTs;
  private final int seq;
  private final CaptureTsUnit unit;
  final long fileKey;

  String currentExchange;
  String currentSymbol;
  long currentCaptureTs;
  long currentSeq;

  KeyColumns(
      String file, MessageType fileSchema, Schema recordSchema, CaptureTsUnit plainInt64Unit) {
    Fields f = new Fields(file, recordSchema, fileSchema);
    exchange = f.required("exchange");
    symbol = f.required("symbol");
    captureTs = f.required("capture_ts");
    seq = f.optionalNumber("seq");
    unit = CaptureTsUnit.of(file, fileSchema, "capture_ts", plainInt64Unit);
    fileKey = SegmentFiles.fileKey(file);
  }

  /** Reads the row's key columns; rejects the row and returns false when a required one is null. */
  boolean read(GenericRecord r, RowDecoder.Output<?> out) {
    currentExchange = Fields.string(r, exchange);
    if (currentExchange == null) {
      out.reject("exchange", "required column is null");
      return false;
    }
    currentSymbol = Fields.string(r, symbol);
    if (currentSymbol == null) {
      out.reject("symbol", "required column is null");
      return false;
    }
    Object ts = r.get(captureTs);
    if (ts == null) {
      out.reject("capture_ts", "required column is null");
      return false;
    }
    currentCaptureTs = unit.toMicros(((Number) ts).longValue());
    currentSeq = Fields.integer(r, seq, EventPosition.NO_SEQ);
    return true;
  }
}
