package io.microstructure.cli;

import io.microstructure.io.BeamInputFile;
import io.microstructure.io.ParquetRecords;
import io.microstructure.io.SegmentFiles;
import io.microstructure.model.Channel;
import io.microstructure.output.RunRecord;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.avro.AvroReadSupport;
import org.apache.parquet.hadoop.ParquetReader;

/**
 * A channel whose every row read was rejected: a run like that found nothing usable in a channel
 * (wrong column names, a layout misread), however well it went otherwise, and must not exit 0.
 * Found from the job's counters ({@code <channel>/rows_read}, {@code <channel>/rows_rejected});
 * the commonest reason is read back from the run's dead letters.
 */
final class AllRejected {
  private AllRejected() {}

  /**
   * One line naming the first channel (orderbook, trades, ticker) all of whose rows were rejected
   * and the commonest reason, or null when every channel read kept a row.
   */
  static String check(Map<String, Long> counters, RunRecord record, String outputRoot) {
    for (Channel c : new Channel[] {Channel.ORDERBOOK, Channel.TRADES, Channel.TICKER}) {
      long read = counters.getOrDefault(c.folder() + "/rows_read", 0L);
      long rejected = counters.getOrDefault(c.folder() + "/rows_rejected", 0L);
      if (read > 0 && rejected >= read) {
        return "every "
            + c.folder()
            + " row was rejected ("
            + String.format("%,d", read)
            + " of "
            + String.format("%,d", read)
            + "); commonest reason: "
            + commonestReason(record, outputRoot, c);
      }
    }
    return null;
  }

  /** "column: reason (n rows)" of the channel's dead letters in this run, or where to look. */
  static String commonestReason(RunRecord record, String outputRoot, Channel channel) {
    String fallback = "see " + outputRoot + "/_rejected/" + channel.folder() + "/";
    if (record == null) {
      return fallback;
    }
    Map<String, Long> reasons = new HashMap<>();
    String dir = "_rejected/" + channel.folder();
    try {
      for (RunRecord.Partition p : record.partitions) {
        if (!p.dir().equals(dir) && !p.dir().startsWith(dir + "/")) {
          continue;
        }
        for (RunRecord.File f : p.files()) {
          count(SegmentFiles.stripSlash(outputRoot) + "/" + p.dir() + "/" + f.name(), reasons);
        }
      }
    } catch (IOException | RuntimeException e) {
      return fallback;
    }
    return reasons.entrySet().stream()
        .max(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
        .map(e -> e.getKey() + " (" + String.format("%,d", e.getValue()) + " rows)")
        .orElse(fallback);
  }

  private static void count(String path, Map<String, Long> reasons) throws IOException {
    Schema projection =
        SchemaBuilder.record("Rejected")
            .fields()
            .optionalString("column")
            .optionalString("reason")
            .endRecord();
    Configuration conf = ParquetRecords.readConfiguration();
    AvroReadSupport.setRequestedProjection(conf, projection);
    AvroReadSupport.setAvroReadSchema(conf, projection);
    SeekableByteChannel channel =
        (SeekableByteChannel) FileSystems.open(FileSystems.matchNewResource(path, false));
    try (ParquetReader<GenericRecord> reader =
        AvroParquetReader.<GenericRecord>builder(new BeamInputFile(path, channel))
            .withConf(conf)
            .build()) {
      for (GenericRecord r = reader.read(); r != null; r = reader.read()) {
        String key = r.get(0) + ": " + r.get(1);
        reasons.merge(key, 1L, Long::sum);
      }
    }
  }
}
