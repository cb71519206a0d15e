package io.microstructure.coders;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.util.VarInt;

/**
 * Java serialization for the small values of the side computations (summaries, carries): never a
 * key, so unlike Beam's {@code SerializableCoder} it does not warn, on every run, that they lack an
 * {@code equals} method a key would need.
 */
public final class SideValueCoder<T extends Serializable> extends CustomCoder<T> {
  private static final long serialVersionUID = 1L;

  private final Class<T> type;

  private SideValueCoder(Class<T> type) {
    this.type = type;
  }

  public static <T extends Serializable> SideValueCoder<T> of(Class<T> type) {
    return new SideValueCoder<>(type);
  }

  @Override
  public void encode(T value, OutputStream out) throws IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (ObjectOutputStream o = new ObjectOutputStream(bytes)) {
      o.writeObject(value);
    }
    VarInt.encode(bytes.size(), out);
    bytes.writeTo(out);
  }

  @Override
  public T decode(InputStream in) throws IOException {
    byte[] bytes = new byte[VarInt.decodeInt(in)];
    new java.io.DataInputStream(in).readFully(bytes);
    try (ObjectInputStream o = new ObjectInputStream(new java.io.ByteArrayInputStream(bytes))) {
      return type.cast(o.readObject());
    } catch (ClassNotFoundException e) {
      throw new CoderException("cannot decode a " + type.getSimpleName(), e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SideValueCoder<?> c && c.type.equals(type);
  }

  @Override
  public int hashCode() {
    return type.hashCode();
  }

  @Override
  public void verifyDeterministic() throws NonDeterministicException {
    throw new NonDeterministicException(this, "Java serialization is not deterministic");
  }
}
