package io.microstructure.coders;

import io.microstructure.features.TimeBarAccumulator;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;

/** Coder for the time-bar CombineFn's accumulator. */
public final class TimeBarAccumulatorCoder extends AtomicCoder<TimeBarAccumulator> {
  private static final TimeBarAccumulatorCoder INSTANCE = new TimeBarAccumulatorCoder();

  private TimeBarAccumulatorCoder() {}

  public static TimeBarAccumulatorCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(TimeBarAccumulator value, OutputStream outStream) throws IOException {
    DataOutputStream out = new DataOutputStream(outStream);
    value.writeTo(out);
    out.flush();
  }

  @Override
  public TimeBarAccumulator decode(InputStream inStream) throws IOException {
    return TimeBarAccumulator.readFrom(new DataInputStream(inStream));
  }

  @Override
  public void verifyDeterministic() {}
}
