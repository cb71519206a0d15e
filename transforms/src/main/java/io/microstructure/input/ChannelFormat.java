package io.microstructure.input;

import io.microstructure.model.Channel;
import io.microstructure.model.EventBlock;
import io.microstructure.model.RawRow;
import java.io.Serializable;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.parquet.hadoop.ParquetFileReader;

/**
 * How one channel's files are decoded into blocks: its record decoder (parquet-avro GenericRecords
 * by field name), optionally a columnar reader tried first, how rows gather into blocks, and the
 * output tag of those blocks.
 */
public final class ChannelFormat<T extends RawRow, B extends EventBlock> implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Channel channel;
  private final RowDecoder<T> decoder;
  private final ColumnarRows<T> columnar;
  private final MarketBlocks.Kind<T, B> blocks;
  private final TupleTag<B> tag;
  private final CaptureTsUnit plainInt64Unit;

  /**
   * @param columnar the columnar reader to try first (files it leaves fall back to the record
   *     path), or null for the record path only
   */
  public ChannelFormat(
      Channel channel,
      RowDecoder<T> decoder,
      ColumnarRows<T> columnar,
      MarketBlocks.Kind<T, B> blocks,
      TupleTag<B> tag) {
    this(channel, decoder, columnar, blocks, tag, CaptureTsUnit.MICROS);
  }

  /**
   * @param plainInt64Unit the unit of a capture_ts stored as a plain int64, or null to detect it
   *     per file ({@link CaptureTsDetection})
   */
  public ChannelFormat(
      Channel channel,
      RowDecoder<T> decoder,
      ColumnarRows<T> columnar,
      MarketBlocks.Kind<T, B> blocks,
      TupleTag<B> tag,
      CaptureTsUnit plainInt64Unit) {
    this.plainInt64Unit = plainInt64Unit;
    this.channel = channel;
    this.decoder = decoder;
    this.columnar = columnar;
    this.blocks = blocks;
    this.tag = tag;
  }

  public Channel channel() {
    return channel;
  }

  public RowDecoder<T> decoder() {
    return decoder;
  }

  /** The columnar reader, or null. */
  public ColumnarRows<T> columnar() {
    return columnar;
  }

  public MarketBlocks.Kind<T, B> blocks() {
    return blocks;
  }

  public TupleTag<B> tag() {
    return tag;
  }

  /** The configured unit of a plain int64 capture_ts, or null: detected per file. */
  public CaptureTsUnit plainInt64Unit() {
    return plainInt64Unit;
  }

  /**
   * Binds a columnar reader to an open file, a plain int64 capture_ts read in {@code
   * plainInt64Unit} (the file's resolved unit); throws {@link
   * ColumnarOrderBookReader.UnsupportedLayoutException} for a layout it leaves to the record path.
   */
  @FunctionalInterface
  public interface ColumnarRows<T> extends Serializable {
    RowGroupReader<T> bind(String path, ParquetFileReader reader, CaptureTsUnit plainInt64Unit);
  }
}
