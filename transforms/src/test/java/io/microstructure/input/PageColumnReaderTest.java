package io.microstructure.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.HadoopReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.column.impl.ColumnReaderImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ColumnPath;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The bulk page reader gives, entry by entry, the repetition level, definition level and value that
 * parquet-column's own reader gives, on files of every page version, with and without dictionaries
 * (and with a dictionary abandoned half-way through a chunk), across many small pages and several
 * row groups.
 */
class PageColumnReaderTest {
  private static final MessageType SCHEMA =
      MessageTypeParser.parseMessageType(
          "message book {"
              + " required binary exchange (STRING);"
              + " optional binary symbol (STRING);"
              + " required int64 capture_ts;"
              + " optional int32 small;"
              + " optional float ratio;"
              + " optional double price;"
              + " optional fixed_len_byte_array(4) raw;"
              + " optional group bids (LIST) {"
              + "   repeated group list {"
              + "     optional group element { optional double price; optional double amount; }"
              + "   }"
              + " }"
              + " optional group asks (LIST) {"
              + "   repeated group list { optional group element (LIST) {"
              + "     repeated group list { optional double element; } } }"
              + " }"
              + "}");

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}, dictionary {1}, page {2} bytes")
  @CsvSource({
    "PARQUET_1_0, true, 1024",
    "PARQUET_1_0, false, 1024",
    "PARQUET_2_0, true, 1024",
    "PARQUET_2_0, false, 1024",
    "PARQUET_1_0, true, 65536",
    "PARQUET_2_0, true, 65536"
  })
  void everyEntryEqualsParquetColumnsReader(WriterVersion version, boolean dictionary, int page)
      throws IOException {
    Path file = dir.resolve(version + "-" + dictionary + "-" + page + ".parquet");
    write(file, version, dictionary, page, 3000, new Random(version.ordinal() * 31L + page));
    java.util.Set<String> compared = new java.util.TreeSet<>();
    try (ParquetFileReader reader = open(file)) {
      for (BlockMetaData block : reader.getRowGroups()) {
        PageReadStore pages = reader.readNextRowGroup();
        List<ColumnChunkMetaData> chunks = block.getColumns();
        for (ColumnDescriptor c : SCHEMA.getColumns()) {
          ColumnChunkMetaData chunk = chunk(chunks, c);
          if (PageColumnReader.supports(c, chunk.getEncodings())) {
            compare(c, pages, reader, block);
            compared.add(String.join(".", c.getPath()));
          } else {
            // Only encodings other writers' defaults use (v2's DELTA_*) go to parquet-column.
            assertThat(chunk.getEncodings().toString()).as("%s", c).contains("DELTA");
          }
        }
      }
      assertThat(reader.getRowGroups()).as("row groups").hasSizeGreaterThan(1);
    }
    // Whatever the version, the book and price columns take the bulk path.
    assertThat(compared)
        .contains(
            "price",
            "ratio",
            "bids.list.element.price",
            "bids.list.element.amount",
            "asks.list.element.list.element");
  }

  /** Reads one column of the current row group with both readers; returns the entries compared. */
  private int compare(
      ColumnDescriptor c, PageReadStore pages, ParquetFileReader reader, BlockMetaData block) {
    ColumnReader expected =
        new ColumnReaderImpl(
            c, pages.getPageReader(c), new PrimitiveConverter() {}, writerVersion(reader));
    // A second, independent page reader over the same chunk for the reader under test.
    ColumnReader actual = PageColumnReader.open(c, pagesAgain(reader, block).getPageReader(c));
    long n = expected.getTotalValueCount();
    assertThat(actual.getTotalValueCount()).isEqualTo(n);
    int maxDef = c.getMaxDefinitionLevel();
    for (long i = 0; i < n; i++) {
      String at = c + " entry " + i;
      assertThat(actual.getCurrentRepetitionLevel())
          .as("rep of %s", at)
          .isEqualTo(expected.getCurrentRepetitionLevel());
      assertThat(actual.getCurrentDefinitionLevel())
          .as("def of %s", at)
          .isEqualTo(expected.getCurrentDefinitionLevel());
      if (expected.getCurrentDefinitionLevel() == maxDef) {
        assertThat(value(actual, c)).as("value of %s", at).isEqualTo(value(expected, c));
      }
      expected.consume();
      actual.consume();
    }
    return (int) n;
  }

  private static Object value(ColumnReader r, ColumnDescriptor c) {
    PrimitiveTypeName t = c.getPrimitiveType().getPrimitiveTypeName();
    switch (t) {
      case INT32:
        return r.getInteger();
      case INT64:
        return r.getLong();
      case FLOAT:
        return Float.floatToRawIntBits(r.getFloat());
      case DOUBLE:
        return Double.doubleToRawLongBits(r.getDouble());
      default:
        return r.getBinary().toStringUsingUTF8() + "|" + r.getBinary().length();
    }
  }

  // The reader under test gets its own file handle, positioned on the same row group.
  private final List<ParquetFileReader> second = new ArrayList<>();

  private PageReadStore pagesAgain(ParquetFileReader first, BlockMetaData block) {
    try {
      ParquetFileReader r = open(Path.of(first.getFile()));
      second.add(r);
      for (BlockMetaData b : r.getRowGroups()) {
        if (b.getStartingPos() == block.getStartingPos()) {
          return r.readNextRowGroup();
        }
        r.skipNextRowGroup();
      }
      throw new IllegalStateException("row group not found");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @org.junit.jupiter.api.AfterEach
  void closeSecondReaders() throws IOException {
    for (ParquetFileReader r : second) {
      r.close();
    }
  }

  private static ColumnChunkMetaData chunk(List<ColumnChunkMetaData> chunks, ColumnDescriptor c) {
    for (ColumnChunkMetaData m : chunks) {
      if (m.getPath().equals(ColumnPath.get(c.getPath()))) {
        return m;
      }
    }
    throw new IllegalStateException("no chunk for " + c);
  }

  private static org.apache.parquet.VersionParser.ParsedVersion writerVersion(ParquetFileReader r) {
    try {
      return org.apache.parquet.VersionParser.parse(r.getFooter().getFileMetaData().getCreatedBy());
    } catch (Exception e) {
      return null;
    }
  }

  private static ParquetFileReader open(Path file) throws IOException {
    Configuration conf = new Configuration(false);
    return ParquetFileReader.open(
        HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.toString()), conf),
        HadoopReadOptions.builder(conf).build());
  }

  /**
   * Rows with nulls everywhere they may be, few distinct strings and prices (dictionary-friendly)
   * and, after the first third, many distinct doubles so that a dictionary is abandoned.
   */
  private static void write(
      Path file, WriterVersion version, boolean dictionary, int pageSize, int rows, Random rnd)
      throws IOException {
    SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
    try (ParquetWriter<Group> w =
        ExampleParquetWriter.builder(new org.apache.hadoop.fs.Path(file.toString()))
            .withConf(new Configuration(false))
            .withType(SCHEMA)
            .withWriterVersion(version)
            .withDictionaryEncoding(dictionary)
            .withDictionaryPageSize(2048)
            .withPageSize(pageSize)
            .withRowGroupSize(64 * 1024)
            .build()) {
      for (int i = 0; i < rows; i++) {
        boolean spread = i > rows / 3;
        Group g = groups.newGroup();
        g.add("exchange", "ex" + rnd.nextInt(3));
        if (rnd.nextInt(10) > 0) {
          g.add("symbol", "S" + rnd.nextInt(5) + "/USDT");
        }
        g.add("capture_ts", 1_767_571_200_000_000L + i * 100_000L + rnd.nextInt(1000));
        if (rnd.nextBoolean()) {
          g.add("small", rnd.nextInt(200) - 100);
        }
        if (rnd.nextBoolean()) {
          g.add("ratio", rnd.nextFloat());
        }
        if (rnd.nextInt(8) > 0) {
          g.add("price", spread ? rnd.nextDouble() * 1e5 : 100 + rnd.nextInt(20) * 0.5);
        }
        if (rnd.nextInt(4) > 0) {
          byte[] raw = new byte[4];
          rnd.nextBytes(raw);
          g.add("raw", Binary.fromConstantByteArray(raw));
        }
        if (rnd.nextInt(10) > 0) {
          Group list = g.addGroup("bids");
          int levels = rnd.nextInt(6);
          for (int m = 0; m < levels; m++) {
            Group element = list.addGroup("list");
            if (rnd.nextInt(12) > 0) {
              Group level = element.addGroup("element");
              if (rnd.nextInt(10) > 0) {
                level.add("price", spread ? rnd.nextDouble() : 100 - m * 0.5);
              }
              if (rnd.nextInt(10) > 0) {
                level.add("amount", rnd.nextInt(1000) / 100.0);
              }
            }
          }
        }
        if (rnd.nextInt(10) > 0) {
          Group list = g.addGroup("asks");
          int levels = rnd.nextInt(5);
          for (int m = 0; m < levels; m++) {
            Group element = list.addGroup("list");
            if (rnd.nextInt(12) > 0) {
              Group pair = element.addGroup("element");
              int size = rnd.nextInt(4);
              for (int k = 0; k < size; k++) {
                Group v = pair.addGroup("list");
                if (rnd.nextInt(10) > 0) {
                  v.add("element", spread ? rnd.nextDouble() : 101 + m * 0.5);
                }
              }
            }
          }
        }
        w.write(g);
      }
    }
  }
}
