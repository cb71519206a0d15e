package io.microstructure.convert;

import io.microstructure.input.CaptureTsUnit;
import io.microstructure.input.LegacyNdjson;
import io.microstructure.io.ChannelOutputFile;
import io.microstructure.io.SegmentFiles;
import io.microstructure.model.Channel;
import io.microstructure.output.OutputSchemas;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.util.MimeTypes;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Turns legacy mixed NDJSON archives into the channel-separated Parquet layout: one file per
 * channel and UTC hour of capture_ts ({@code
 * ready/<source>/<channel>/segment_<start>_<end>.parquet}), rows in arrival order, every column
 * kept as it was (seq included), invalid rows too, so that the Parquet path later rejects exactly
 * what the legacy path rejects. Lines that are no row at all (malformed JSON, unknown type) cannot
 * be converted; they are listed in {@code <raw root>/_unconverted.ndjson} and counted.
 */
public final class LegacyConverter {
  private static final long HOUR_MICROS = 3_600_000_000L;
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

  /** Hours a late row may lag the newest one before its hour's file is closed. */
  private static final int OPEN_HOURS = 2;

  /** What a conversion did. */
  public static final class Result {
    public final Map<Channel, Long> rows = new EnumMap<>(Channel.class);
    public final List<String> files = new ArrayList<>();
    public long linesRead;
    public long unconverted;
    public final List<String> unconvertedExamples = new ArrayList<>();
  }

  private final String rawRoot;
  private final String source;
  private final boolean pairBooks;
  private final CaptureTsUnit plainInt64Unit;

  public LegacyConverter(String rawRoot, String source, boolean pairBooks, CaptureTsUnit unit) {
    this.rawRoot = rawRoot.endsWith("/") ? rawRoot.substring(0, rawRoot.length() - 1) : rawRoot;
    this.source = source;
    this.pairBooks = pairBooks;
    this.plainInt64Unit = unit;
  }

  /** Converts every file the pattern matches, in name order (the order of the stream). */
  public Result convert(String filepattern) throws IOException {
    MatchResult match = FileSystems.match(filepattern, EmptyMatchTreatment.ALLOW);
    List<String> inputs = new ArrayList<>();
    if (match.status() == MatchResult.Status.OK) {
      for (MatchResult.Metadata m : match.metadata()) {
        inputs.add(m.resourceId().toString());
      }
    }
    if (inputs.isEmpty()) {
      throw new IOException("no legacy NDJSON files match " + filepattern);
    }
    inputs.sort(null);
    Result result = new Result();
    Segments segments = new Segments(result);
    try (OutputStream rejectsOut = open(rawRoot + "/_unconverted.ndjson");
        Writer rejects = new java.io.OutputStreamWriter(rejectsOut, StandardCharsets.UTF_8)) {
      for (String input : inputs) {
        convertFile(input, segments, rejects, result);
      }
      segments.closeAll();
    }
    return result;
  }

  private void convertFile(String input, Segments segments, Writer rejects, Result result)
      throws IOException {
    long fallbackHour = floorHour(SegmentFiles.segmentStartEpochSeconds(input) * 1_000_000L);
    long hour = Long.MIN_VALUE;
    List<Object[]> waiting = new ArrayList<>(); // rows before the file's first capture_ts
    try (BufferedReader reader = reader(input)) {
      long number = 0;
      for (String text = reader.readLine(); text != null; text = reader.readLine()) {
        number++;
        if (text.isBlank()) {
          continue;
        }
        result.linesRead++;
        LegacyNdjson.Line line;
        try {
          line = LegacyNdjson.parse(text, true);
        } catch (LegacyNdjson.BadLine e) {
          result.unconverted++;
          String where = input + ":" + number;
          if (result.unconvertedExamples.size() < 5) {
            result.unconvertedExamples.add(where + " " + e.getMessage());
          }
          com.google.gson.JsonObject o = new com.google.gson.JsonObject();
          o.addProperty("file", input);
          o.addProperty("line", number);
          o.addProperty("reason", e.getMessage());
          o.addProperty("text", text);
          rejects.write(o.toString());
          rejects.write('\n');
          continue;
        }
        GenericRecord row = toRaw(line);
        Object ts = row.get("capture_ts");
        if (ts != null) {
          hour = floorHour((Long) ts);
          for (Object[] w : waiting) {
            segments.write((Channel) w[0], hour, (GenericRecord) w[1]);
          }
          waiting.clear();
        }
        if (hour == Long.MIN_VALUE) {
          waiting.add(new Object[] {line.channel(), row});
        } else {
          segments.write(line.channel(), hour, row);
        }
      }
    }
    for (Object[] w : waiting) {
      segments.write((Channel) w[0], fallbackHour, (GenericRecord) w[1]);
    }
  }

  /** The line's record in the raw channel schema: capture_ts in µs, books in the chosen layout. */
  private GenericRecord toRaw(LegacyNdjson.Line line) {
    Schema schema = rawSchema(line.channel());
    GenericRecord legacy = line.record();
    GenericData.Record raw = new GenericData.Record(schema);
    for (Schema.Field f : schema.getFields()) {
      Object v = legacy.get(f.name());
      if (v == null) {
        continue;
      }
      if (f.name().equals("capture_ts")) {
        v = plainInt64Unit.toMicros((Long) v);
      } else if (f.name().equals("bids") || f.name().equals("asks")) {
        v = levels(f.schema(), v);
      }
      raw.put(f.pos(), v);
    }
    return raw;
  }

  @SuppressWarnings("unchecked")
  private Object levels(Schema field, Object value) {
    Schema array = field.getTypes().get(1);
    Schema item = array.getElementType();
    List<GenericData.Record> structs = new ArrayList<>();
    List<List<Double>> pairs = new ArrayList<>();
    for (List<Double> pair : (List<List<Double>>) value) {
      // A missing value stays invalid (NaN) without breaking the non-null level type.
      double price = pair.size() > 0 && pair.get(0) != null ? pair.get(0) : Double.NaN;
      double amount = pair.size() > 1 && pair.get(1) != null ? pair.get(1) : Double.NaN;
      if (pairBooks) {
        pairs.add(List.of(price, amount));
      } else {
        GenericData.Record level = new GenericData.Record(item);
        level.put("price", price);
        level.put("amount", amount);
        structs.add(level);
      }
    }
    return pairBooks
        ? new GenericData.Array<>(array, pairs)
        : new GenericData.Array<>(array, structs);
  }

  private Schema rawSchema(Channel c) {
    switch (c) {
      case ORDERBOOK:
        return OutputSchemas.resource(pairBooks ? "orderbook_pairs" : "orderbook");
      case TRADES:
        return OutputSchemas.resource("trades");
      default:
        return OutputSchemas.resource("ticker");
    }
  }

  private static long floorHour(long micros) {
    return Math.floorDiv(micros, HOUR_MICROS) * HOUR_MICROS;
  }

  private static BufferedReader reader(String input) throws IOException {
    ResourceId id = FileSystems.matchNewResource(input, false);
    InputStream in = Channels.newInputStream(FileSystems.open(id));
    if (input.endsWith(".gz")) {
      in = new GZIPInputStream(in, 1 << 16);
    }
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
  }

  private static OutputStream open(String path) throws IOException {
    return Channels.newOutputStream(
        FileSystems.create(FileSystems.matchNewResource(path, false), MimeTypes.BINARY));
  }

  /** Open hourly segment writers per channel; late rows of a closed hour get a further file. */
  private final class Segments {
    private final Result result;
    private final Map<String, ParquetWriter<GenericRecord>> open = new HashMap<>();
    private final Map<String, Long> openHour = new HashMap<>();
    private final Map<String, Integer> parts = new HashMap<>();
    private long newestHour = Long.MIN_VALUE;

    Segments(Result result) {
      this.result = result;
    }

    void write(Channel channel, long hour, GenericRecord row) throws IOException {
      if (hour > newestHour) {
        newestHour = hour;
        closeOlderThan(newestHour - OPEN_HOURS * HOUR_MICROS);
      }
      String key = channel.folder() + "/" + hour;
      ParquetWriter<GenericRecord> w = open.get(key);
      if (w == null) {
        w = create(channel, hour, key);
      }
      w.write(row);
      result.rows.merge(channel, 1L, Long::sum);
    }

    private ParquetWriter<GenericRecord> create(Channel channel, long hour, String key)
        throws IOException {
      int part = parts.merge(key, 1, Integer::sum);
      String start = STAMP.format(Instant.ofEpochSecond(hour / 1_000_000L));
      String end = STAMP.format(Instant.ofEpochSecond((hour + HOUR_MICROS) / 1_000_000L));
      String path =
          SegmentFiles.channelDir(rawRoot, source, channel)
              + "/segment_"
              + start
              + "_"
              + end
              + (part > 1 ? "_part" + part : "")
              + ".parquet";
      Schema schema = rawSchema(channel);
      ParquetWriter<GenericRecord> w =
          AvroParquetWriter.<GenericRecord>builder(
                  new ChannelOutputFile(
                      FileSystems.create(
                          FileSystems.matchNewResource(path, false), MimeTypes.BINARY),
                      path))
              .withSchema(schema)
              .withDataModel(GenericData.get())
              .withCompressionCodec(CompressionCodecName.SNAPPY)
              .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
              .build();
      open.put(key, w);
      openHour.put(key, hour);
      result.files.add(path);
      return w;
    }

    private void closeOlderThan(long hour) throws IOException {
      Iterator<Map.Entry<String, ParquetWriter<GenericRecord>>> it = open.entrySet().iterator();
      while (it.hasNext()) {
        Map.Entry<String, ParquetWriter<GenericRecord>> e = it.next();
        if (openHour.get(e.getKey()) < hour) {
          e.getValue().close();
          it.remove();
        }
      }
    }

    void closeAll() throws IOException {
      for (ParquetWriter<GenericRecord> w : open.values()) {
        w.close();
      }
      open.clear();
    }
  }
}
