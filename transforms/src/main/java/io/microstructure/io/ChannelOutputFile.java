package io.microstructure.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * A Parquet {@link OutputFile} over an open Beam channel, so Parquet can be written to any Beam
 * filesystem (local, s3://, gs://). Closing the stream closes the channel.
 */
public final class ChannelOutputFile implements OutputFile {
  private final WritableByteChannel channel;
  private final String description;

  public ChannelOutputFile(WritableByteChannel channel, String description) {
    this.channel = channel;
    this.description = description;
  }

  @Override
  public PositionOutputStream create(long blockSizeHint) {
    return new ChannelStream(channel, description);
  }

  @Override
  public PositionOutputStream createOrOverwrite(long blockSizeHint) {
    return create(blockSizeHint);
  }

  @Override
  public boolean supportsBlockSize() {
    return false;
  }

  @Override
  public long defaultBlockSize() {
    return 0;
  }

  @Override
  public String getPath() {
    return description;
  }

  /**
   * Buffers writes into the channel and counts the bytes written. A failed write names the file
   * ("No space left on device" alone does not say where).
   */
  private static final class ChannelStream extends PositionOutputStream {
    private final WritableByteChannel channel;
    private final String description;
    private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
    private long position;
    private boolean closed;

    ChannelStream(WritableByteChannel channel, String description) {
      this.channel = channel;
      this.description = description;
    }

    @Override
    public long getPos() {
      return position;
    }

    @Override
    public void write(int b) throws IOException {
      if (!buffer.hasRemaining()) {
        drain();
      }
      buffer.put((byte) b);
      position++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      while (len > 0) {
        if (!buffer.hasRemaining()) {
          drain();
        }
        int n = Math.min(len, buffer.remaining());
        buffer.put(b, off, n);
        off += n;
        len -= n;
        position += n;
      }
    }

    @Override
    public void flush() throws IOException {
      drain();
    }

    @Override
    public void close() throws IOException {
      if (closed) {
        return;
      }
      closed = true;
      try {
        drain();
        channel.close();
      } catch (IOException e) {
        throw named(e);
      }
    }

    private void drain() throws IOException {
      buffer.flip();
      try {
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
      } catch (IOException e) {
        throw named(e);
      }
      buffer.clear();
    }

    private IOException named(IOException e) {
      String message = String.valueOf(e.getMessage());
      return message.contains(description)
          ? e
          : new IOException("writing " + description + ": " + message, e);
    }
  }
}
