package io.microstructure.report;

import org.apache.beam.sdk.io.fs.ResourceId;

/** One Parquet file of a table, with the partition its folders name. */
public record TableFile(PartitionPath partition, ResourceId file) {}
