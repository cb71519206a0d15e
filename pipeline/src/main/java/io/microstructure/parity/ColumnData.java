package io.microstructure.parity;

import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.generic.GenericData;

/**
 * The values of one column of one partition, held by kind in primitive arrays (doubles as {@code
 * double[]}, integers, timestamps and booleans as {@code long[]}, text as {@code String[]}), so a
 * partition of a wide feature table costs about 8 bytes a cell rather than a boxed object.
 */
final class ColumnData {
  /** Repeated strings (exchange, symbol, side …) are shared up to this many distinct values. */
  private static final int INTERN_LIMIT = 4096;

  final String name;
  final ColumnType type;
  private double[] doubles;
  private long[] longs;
  private String[] strings;
  private final BitSet nulls = new BitSet();
  private final Map<String, String> interned = new HashMap<>();
  private int size;

  ColumnData(String name, ColumnType type, int capacity) {
    this.name = name;
    this.type = type;
    int c = Math.max(capacity, 16);
    switch (type.kind()) {
      case DOUBLE:
        doubles = new double[c];
        break;
      case INTEGRAL:
      case BOOLEAN:
        longs = new long[c];
        break;
      default:
        strings = new String[c];
    }
  }

  int size() {
    return size;
  }

  /** Appends a value as parquet-avro's generic model gives it. */
  void add(Object value) {
    grow();
    int r = size++;
    if (value == null) {
      nulls.set(r);
      return;
    }
    switch (type.kind()) {
      case DOUBLE:
        doubles[r] = ((Number) value).doubleValue();
        break;
      case INTEGRAL:
        longs[r] = Math.multiplyExact(((Number) value).longValue(), type.toMicros());
        break;
      case BOOLEAN:
        longs[r] = ((Boolean) value) ? 1 : 0;
        break;
      case STRING:
        // Runs of one value (exchange, symbol) skip the hashing of intern().
        String last = r > 0 ? strings[r - 1] : null;
        strings[r] =
            last != null
                    && value instanceof CharSequence
                    && last.contentEquals((CharSequence) value)
                ? last
                : intern(value.toString());
        break;
      default:
        strings[r] = intern(GenericData.get().toString(value));
    }
  }

  private String intern(String s) {
    String shared = interned.get(s);
    if (shared != null) {
      return shared;
    }
    if (interned.size() < INTERN_LIMIT) {
      interned.put(s, s);
    }
    return s;
  }

  private void grow() {
    int capacity = capacity();
    if (size < capacity) {
      return;
    }
    resize(capacity + (capacity >> 1) + 16);
  }

  /** Makes room for {@code more} further values at once (a file's row count, from its footer). */
  void reserve(long more) {
    long needed = size + more;
    if (needed > capacity()) {
      resize(Math.toIntExact(needed));
    }
  }

  private int capacity() {
    return doubles != null ? doubles.length : longs != null ? longs.length : strings.length;
  }

  private void resize(int c) {
    if (doubles != null) {
      doubles = Arrays.copyOf(doubles, c);
    } else if (longs != null) {
      longs = Arrays.copyOf(longs, c);
    } else {
      strings = Arrays.copyOf(strings, c);
    }
  }

  boolean isNull(int r) {
    return nulls.get(r);
  }

  /** The value as a double (numeric kinds only, not null). */
  double doubleAt(int r) {
    return doubles != null ? doubles[r] : (double) longs[r];
  }

  /** The value as a long (integral and boolean kinds only, not null). */
  long longAt(int r) {
    return longs[r];
  }

  /** The value as text (any kind, not null). */
  String textAt(int r) {
    switch (type.kind()) {
      case DOUBLE:
        return Double.toString(doubles[r]);
      case INTEGRAL:
        return Long.toString(longs[r]);
      case BOOLEAN:
        return Boolean.toString(longs[r] != 0);
      default:
        return strings[r];
    }
  }

  /**
   * The value boxed for a report: Double, Long (timestamps as epoch µs), Boolean, String or null.
   */
  Object valueAt(int r) {
    if (nulls.get(r)) {
      return null;
    }
    switch (type.kind()) {
      case DOUBLE:
        return doubles[r];
      case INTEGRAL:
        return longs[r];
      case BOOLEAN:
        return longs[r] != 0;
      default:
        return strings[r];
    }
  }

  /** Orders two rows of this column: nulls first, then by value (NaN last among doubles). */
  int compareRows(int a, int b) {
    boolean na = nulls.get(a);
    boolean nb = nulls.get(b);
    if (na || nb) {
      return na == nb ? 0 : na ? -1 : 1;
    }
    switch (type.kind()) {
      case DOUBLE:
        return Double.compare(doubles[a], doubles[b]);
      case INTEGRAL:
      case BOOLEAN:
        return Long.compare(longs[a], longs[b]);
      default:
        return strings[a].compareTo(strings[b]);
    }
  }
}
