package io.microstructure.coders;

import io.microstructure.model.OrderBookSnapshot;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;

/** Deterministic coder for {@link OrderBookSnapshot}. */
public final class OrderBookSnapshotCoder extends AtomicCoder<OrderBookSnapshot> {
  private static final OrderBookSnapshotCoder INSTANCE = new OrderBookSnapshotCoder();

  private OrderBookSnapshotCoder() {}

  public static OrderBookSnapshotCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(OrderBookSnapshot value, OutputStream outStream) throws IOException {
    DataOutputStream out = new DataOutputStream(outStream);
    Wire.writeString(out, value.exchange());
    Wire.writeString(out, value.symbol());
    out.writeLong(value.captureTs());
    out.writeLong(value.seq());
    out.writeLong(value.fileKey());
    out.writeLong(value.row());
    Wire.writeDoubles(out, value.bidPrice());
    Wire.writeDoubles(out, value.bidAmount());
    Wire.writeDoubles(out, value.askPrice());
    Wire.writeDoubles(out, value.askAmount());
    out.flush();
  }

  @Override
  public OrderBookSnapshot decode(InputStream inStream) throws IOException {
    DataInputStream in = new DataInputStream(inStream);
    return new OrderBookSnapshot(
        Wire.readString(in),
        Wire.readString(in),
        in.readLong(),
        in.readLong(),
        in.readLong(),
        in.readLong(),
        Wire.readDoubles(in),
        Wire.readDoubles(in),
        Wire.readDoubles(in),
        Wire.readDoubles(in));
  }

  @Override
  public void verifyDeterministic() {}
}
