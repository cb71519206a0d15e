/**
 * Reading captures: which files are segments ({@link io.microstructure.input.SegmentDiscovery}),
 * how each channel's columns are found and decoded ({@link io.microstructure.input.ChannelFormat},
 * the decoders, the columnar order-book reader and the parquet-avro record path), the splittable
 * Parquet read ({@link io.microstructure.input.ReadParquetRowsFn}), the legacy NDJSON parser, and
 * the reasons a row becomes a dead letter. What a read produces is tagged by {@link
 * io.microstructure.input.EventTags}.
 */
package io.microstructure.input;
