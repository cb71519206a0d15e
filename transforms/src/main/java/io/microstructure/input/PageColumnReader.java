package io.microstructure.input;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.EnumSet;
import java.util.Set;
import org.apache.parquet.bytes.ByteBufferInputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.bytes.BytesUtils;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ValuesType;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.column.values.ValuesReader;
import org.apache.parquet.io.ParquetDecodingException;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * A {@link ColumnReader} that decodes one data page at a time into arrays, in bulk: levels from
 * their RLE/bit-packed runs, plain values straight from the page buffer, dictionary ids in runs and
 * then looked up. parquet-column's own reader does the same work one value at a time through
 * several layers (level readers, value readers, a per-value binding), which made it most of the
 * cost of reading a 20-level book.
 *
 * <p>Handles the encodings of every common writer: levels in RLE (or the deprecated BIT_PACKED,
 * through parquet-column's decoder), values PLAIN or dictionary (PLAIN_DICTIONARY, RLE_DICTIONARY),
 * pages v1 and v2, for INT32, INT64, FLOAT, DOUBLE, BINARY and FIXED_LEN_BYTE_ARRAY leaves. {@link
 * #supports} tells, from a column chunk's encodings, whether this reader applies; other chunks go
 * to parquet-column's reader.
 */
final class PageColumnReader implements ColumnReader {
  private static final Set<Encoding> ENCODINGS =
      EnumSet.of(
          Encoding.PLAIN,
          Encoding.PLAIN_DICTIONARY,
          Encoding.RLE_DICTIONARY,
          Encoding.RLE,
          Encoding.BIT_PACKED);

  private final ColumnDescriptor column;
  private final PageReader pages;
  private final PrimitiveTypeName type;
  private final int maxRep;
  private final int maxDef;
  private final int repWidth;
  private final int defWidth;
  private long remaining;

  // Dictionary values, decoded once per column chunk.
  private int[] dictInts;
  private long[] dictLongs;
  private float[] dictFloats;
  private double[] dictDoubles;
  private Binary[] dictBinaries;

  // The current page: levels per entry, values per non-null entry.
  private int[] rep = new int[0];
  private int[] def = new int[0];
  private int[] ids = new int[0];
  private int[] ints = new int[0];
  private long[] longs = new long[0];
  private float[] floats = new float[0];
  private double[] doubles = new double[0];
  private Binary[] binaries = new Binary[0];
  private int entries;
  private int entry;
  private int value;

  private PageColumnReader(ColumnDescriptor column, PageReader pages) {
    this.column = column;
    this.pages = pages;
    this.type = column.getPrimitiveType().getPrimitiveTypeName();
    this.maxRep = column.getMaxRepetitionLevel();
    this.maxDef = column.getMaxDefinitionLevel();
    this.repWidth = BytesUtils.getWidthFromMaxInt(maxRep);
    this.defWidth = BytesUtils.getWidthFromMaxInt(maxDef);
    this.remaining = pages.getTotalValueCount();
    readDictionary();
    if (remaining > 0) {
      nextPage();
    }
  }

  /** True when a column chunk with these encodings and this leaf type can be read here. */
  static boolean supports(ColumnDescriptor column, Set<Encoding> chunkEncodings) {
    switch (column.getPrimitiveType().getPrimitiveTypeName()) {
      case INT32:
      case INT64:
      case FLOAT:
      case DOUBLE:
      case BINARY:
      case FIXED_LEN_BYTE_ARRAY:
        return ENCODINGS.containsAll(chunkEncodings);
      default:
        return false;
    }
  }

  /** A reader positioned on the first value of the column chunk. */
  static PageColumnReader open(ColumnDescriptor column, PageReader pages) {
    return new PageColumnReader(column, pages);
  }

  @Override
  public long getTotalValueCount() {
    return pages.getTotalValueCount();
  }

  @Override
  public void consume() {
    if (def[entry] == maxDef) {
      value++;
    }
    entry++;
    remaining--;
    if (entry == entries && remaining > 0) {
      nextPage();
    }
  }

  @Override
  public int getCurrentRepetitionLevel() {
    return entry < entries ? rep[entry] : 0;
  }

  @Override
  public int getCurrentDefinitionLevel() {
    return entry < entries ? def[entry] : 0;
  }

  @Override
  public void writeCurrentValueToConverter() {
    throw new UnsupportedOperationException("values are read with the typed getters");
  }

  @Override
  public void skip() {
    // Values are decoded with their page; skipping one costs nothing.
  }

  @Override
  public int getCurrentValueDictionaryID() {
    throw new UnsupportedOperationException("dictionary ids are resolved at decoding");
  }

  @Override
  public int getInteger() {
    return ints[value];
  }

  @Override
  public boolean getBoolean() {
    throw new UnsupportedOperationException("no boolean leaves here");
  }

  @Override
  public long getLong() {
    return longs[value];
  }

  @Override
  public Binary getBinary() {
    return binaries[value];
  }

  @Override
  public float getFloat() {
    return floats[value];
  }

  @Override
  public double getDouble() {
    return doubles[value];
  }

  @Override
  public ColumnDescriptor getDescriptor() {
    return column;
  }

  private void readDictionary() {
    DictionaryPage page = pages.readDictionaryPage();
    if (page == null) {
      return;
    }
    try {
      Dictionary d = page.getEncoding().initDictionary(column, page);
      int n = d.getMaxId() + 1;
      switch (type) {
        case INT32:
          dictInts = new int[n];
          for (int i = 0; i < n; i++) {
            dictInts[i] = d.decodeToInt(i);
          }
          break;
        case INT64:
          dictLongs = new long[n];
          for (int i = 0; i < n; i++) {
            dictLongs[i] = d.decodeToLong(i);
          }
          break;
        case FLOAT:
          dictFloats = new float[n];
          for (int i = 0; i < n; i++) {
            dictFloats[i] = d.decodeToFloat(i);
          }
          break;
        case DOUBLE:
          dictDoubles = new double[n];
          for (int i = 0; i < n; i++) {
            dictDoubles[i] = d.decodeToDouble(i);
          }
          break;
        default:
          dictBinaries = new Binary[n];
          for (int i = 0; i < n; i++) {
            // One Binary per distinct value: equal strings come back as the same instance.
            dictBinaries[i] = Binary.fromConstantByteArray(d.decodeToBinary(i).getBytes());
          }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(column + ": cannot read the dictionary page", e);
    }
  }

  private void nextPage() {
    DataPage page = pages.readPage();
    if (page == null) {
      throw new ParquetDecodingException(
          column + ": fewer values in the pages than the chunk says");
    }
    try {
      if (page instanceof DataPageV1) {
        readV1((DataPageV1) page);
      } else {
        readV2((DataPageV2) page);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(column + ": cannot decode a page", e);
    }
    entry = 0;
    value = 0;
  }

  private void readV1(DataPageV1 page) throws IOException {
    int n = page.getValueCount();
    levelCapacity(n);
    ByteBufferInputStream in = page.getBytes().toInputStream();
    levelsV1(in, page.getRlEncoding(), maxRep, repWidth, ValuesType.REPETITION_LEVEL, n, rep);
    levelsV1(in, page.getDlEncoding(), maxDef, defWidth, ValuesType.DEFINITION_LEVEL, n, def);
    readValues(page.getValueEncoding(), in.slice(in.available()).order(ByteOrder.LITTLE_ENDIAN), n);
  }

  /** One kind of levels of a v1 page: RLE with its length first, or another level encoding. */
  private void levelsV1(
      ByteBufferInputStream in,
      Encoding encoding,
      int max,
      int width,
      ValuesType kind,
      int n,
      int[] out)
      throws IOException {
    if (max == 0) {
      java.util.Arrays.fill(out, 0, n, 0);
    } else if (encoding == Encoding.RLE) {
      int length = BytesUtils.readIntLittleEndian(in);
      RleLevels.decode(in.slice(length), width, n, out);
    } else {
      ValuesReader levels = encoding.getValuesReader(column, kind);
      levels.initFromPage(n, in);
      for (int i = 0; i < n; i++) {
        out[i] = levels.readInteger();
      }
    }
  }

  private void readV2(DataPageV2 page) throws IOException {
    int n = page.getValueCount();
    levelCapacity(n);
    levels(page.getRepetitionLevels(), maxRep, repWidth, n, rep);
    levels(page.getDefinitionLevels(), maxDef, defWidth, n, def);
    ByteBuffer b = page.getData().toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    readValues(page.getDataEncoding(), b, n);
  }

  private static void levels(BytesInput bytes, int max, int width, int n, int[] out)
      throws IOException {
    if (max == 0) {
      java.util.Arrays.fill(out, 0, n, 0);
    } else {
      RleLevels.decode(bytes.toByteBuffer(), width, n, out);
    }
  }

  private void levelCapacity(int n) {
    entries = n;
    if (rep.length < n) {
      rep = new int[n];
      def = new int[n];
    }
  }

  private void readValues(Encoding encoding, ByteBuffer b, int n) {
    int present = 0;
    for (int i = 0; i < n; i++) {
      if (def[i] == maxDef) {
        present++;
      }
    }
    if (encoding.usesDictionary()) {
      if (ids.length < present) {
        ids = new int[present];
      }
      int width = present == 0 ? 0 : b.get() & 0xFF;
      RleLevels.decode(b.slice().order(ByteOrder.LITTLE_ENDIAN), width, present, ids);
      lookUp(present);
    } else if (encoding == Encoding.PLAIN) {
      plain(b, present);
    } else {
      throw new ParquetDecodingException(column + ": unexpected value encoding " + encoding);
    }
  }

  private void lookUp(int n) {
    switch (type) {
      case INT32:
        ints = capacity(ints, n);
        for (int i = 0; i < n; i++) {
          ints[i] = dictInts[ids[i]];
        }
        break;
      case INT64:
        longs = capacity(longs, n);
        for (int i = 0; i < n; i++) {
          longs[i] = dictLongs[ids[i]];
        }
        break;
      case FLOAT:
        floats = capacity(floats, n);
        for (int i = 0; i < n; i++) {
          floats[i] = dictFloats[ids[i]];
        }
        break;
      case DOUBLE:
        doubles = capacity(doubles, n);
        for (int i = 0; i < n; i++) {
          doubles[i] = dictDoubles[ids[i]];
        }
        break;
      default:
        if (binaries.length < n) {
          binaries = new Binary[n];
        }
        for (int i = 0; i < n; i++) {
          binaries[i] = dictBinaries[ids[i]];
        }
    }
  }

  private void plain(ByteBuffer b, int n) {
    switch (type) {
      case INT32:
        ints = capacity(ints, n);
        b.asIntBuffer().get(ints, 0, n);
        break;
      case INT64:
        longs = capacity(longs, n);
        b.asLongBuffer().get(longs, 0, n);
        break;
      case FLOAT:
        floats = capacity(floats, n);
        b.asFloatBuffer().get(floats, 0, n);
        break;
      case DOUBLE:
        doubles = capacity(doubles, n);
        b.asDoubleBuffer().get(doubles, 0, n);
        break;
      case BINARY:
        binaries = binaries.length < n ? new Binary[n] : binaries;
        for (int i = 0; i < n; i++) {
          int length = b.getInt();
          binaries[i] = Binary.fromConstantByteArray(bytes(b, length));
        }
        break;
      default:
        int length = column.getPrimitiveType().getTypeLength();
        binaries = binaries.length < n ? new Binary[n] : binaries;
        for (int i = 0; i < n; i++) {
          binaries[i] = Binary.fromConstantByteArray(bytes(b, length));
        }
    }
  }

  private static byte[] bytes(ByteBuffer b, int length) {
    byte[] out = new byte[length];
    b.get(out);
    return out;
  }

  private static int[] capacity(int[] a, int n) {
    return a.length < n ? new int[n] : a;
  }

  private static long[] capacity(long[] a, int n) {
    return a.length < n ? new long[n] : a;
  }

  private static float[] capacity(float[] a, int n) {
    return a.length < n ? new float[n] : a;
  }

  private static double[] capacity(double[] a, int n) {
    return a.length < n ? new double[n] : a;
  }
}
