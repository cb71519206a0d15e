package io.microstructure.input;

import io.microstructure.io.SegmentFiles;
import io.microstructure.model.CaptureTsRange;
import io.microstructure.model.EventPosition;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.schema.MessageType;

/**
 * The columns every channel shares (exchange, symbol, capture_ts, seq), resolved once per file.
 * {@link #read} checks them ({@link KeyChecks}) and holds the current row's values; one instance
 * belongs to one bound decoder, used by one thread.
 */
final class KeyColumns {
  private final int exchange;
  private final int symbol;
  private final int captureTs;
  private final int seq;
  private final CaptureTsUnit unit;
  private final KeyChecks checks;
  final long fileKey;

  String currentExchange;
  String currentSymbol;
  long currentCaptureTs;
  long currentSeq;

  KeyColumns(
      String file,
      MessageType fileSchema,
      Schema recordSchema,
      CaptureTsUnit plainInt64Unit,
      CaptureTsRange captureTsRange,
      Fields f) {
    exchange = f.required("exchange");
    symbol = f.required("symbol");
    captureTs = f.required("capture_ts");
    seq = f.optionalNumber("seq");
    unit = CaptureTsUnit.of(file, fileSchema, f.name("capture_ts"), plainInt64Unit);
    fileKey = SegmentFiles.fileKey(file);
    checks = new KeyChecks(captureTsRange);
  }

  /** Reads the row's key columns; rejects the row and returns false when they fail a check. */
  boolean read(GenericRecord r, RowDecoder.Output<?> out) {
    currentExchange = Fields.string(r, exchange);
    currentSymbol = Fields.string(r, symbol);
    Object ts = r.get(captureTs);
    currentCaptureTs = ts == null ? 0 : unit.toMicrosSaturated(((Number) ts).longValue());
    if (!checks.pass(currentExchange, currentSymbol, ts == null, currentCaptureTs)) {
      out.reject(checks.column, checks.reason);
      return false;
    }
    currentSeq = Fields.integer(r, seq, EventPosition.NO_SEQ);
    return true;
  }
}
