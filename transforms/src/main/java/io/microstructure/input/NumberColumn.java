package io.microstructure.input;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import org.apache.avro.generic.GenericFixed;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.Type;

/**
 * Reads a numeric Parquet leaf as a double whatever its physical form: int, long, float, double, or
 * DECIMAL (int32, int64 or binary backed). parquet-avro hands decimals over as their unscaled
 * integers or bytes; taking those as the value would be silently wrong by a power of ten.
 */
final class NumberColumn implements Serializable {
  private static final long serialVersionUID = 1L;
  static final NumberColumn PLAIN = new NumberColumn(0, false);

  private final int scale;
  private final boolean decimal;

  private NumberColumn(int scale, boolean decimal) {
    this.scale = scale;
    this.decimal = decimal;
  }

  /** The reader of leaf {@code type} (or of the first numeric leaf below it). */
  static NumberColumn of(Type type) {
    Type leaf = type;
    while (!leaf.isPrimitive()) {
      GroupType g = leaf.asGroupType();
      if (g.getFieldCount() == 0) {
        return PLAIN;
      }
      leaf = g.getType(0);
    }
    if (leaf.getLogicalTypeAnnotation() instanceof DecimalLogicalTypeAnnotation) {
      return new NumberColumn(
          ((DecimalLogicalTypeAnnotation) leaf.getLogicalTypeAnnotation()).getScale(), true);
    }
    return PLAIN;
  }

  boolean isDecimal() {
    return decimal;
  }

  /**
   * {@link #read} of an int or long leaf value without boxing: the same double as {@code
   * read(Long.valueOf(v))} (and as {@code read(Integer.valueOf(v))} for an int).
   */
  double ofLong(long v) {
    return decimal ? new BigDecimal(BigInteger.valueOf(v), scale).doubleValue() : (double) v;
  }

  /** {@link #read} of a double leaf value without boxing. */
  double ofDouble(double v) {
    return decimal ? ofLong((long) v) : v;
  }

  /** {@link #read} of a float leaf value without boxing. */
  double ofFloat(float v) {
    return decimal ? ofLong((long) v) : (double) v;
  }

  /** {@link #read} of a binary or fixed leaf value (a decimal's unscaled big-endian bytes). */
  double ofUnscaled(byte[] bytes) {
    if (!decimal) {
      throw new ClassCastException("not a number: binary value of a non-decimal column");
    }
    return new BigDecimal(new BigInteger(bytes), scale).doubleValue();
  }

  /** The value as a double, NaN when null. */
  double read(Object v) {
    if (v == null) {
      return Double.NaN;
    }
    if (!decimal) {
      return ((Number) v).doubleValue();
    }
    BigInteger unscaled;
    if (v instanceof Number) {
      unscaled = BigInteger.valueOf(((Number) v).longValue());
    } else if (v instanceof ByteBuffer) {
      ByteBuffer b = ((ByteBuffer) v).duplicate();
      byte[] bytes = new byte[b.remaining()];
      b.get(bytes);
      unscaled = new BigInteger(bytes);
    } else if (v instanceof GenericFixed) {
      unscaled = new BigInteger(((GenericFixed) v).bytes());
    } else if (v instanceof BigDecimal) {
      return ((BigDecimal) v).doubleValue();
    } else {
      throw new ClassCastException("not a decimal: " + v.getClass().getName());
    }
    return new BigDecimal(unscaled, scale).doubleValue();
  }
}
