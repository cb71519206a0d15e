package io.microstructure.generate;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.util.MimeTypes;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * A Parquet {@link OutputFile} on any Beam filesystem (local, s3://, gs://...): the bytes go
 * through {@link FileSystems#create}. Filesystems other than the local one must be registered by
 * the caller ({@link FileSystems#setDefaultPipelineOptions}) before writing.
 */
final class BeamOutputFile implements OutputFile {
  private final String path;

  BeamOutputFile(String path) {
    this.path = path;
  }

  /** Opens {@code path} for writing (replacing what is there) as a raw byte channel. */
  static WritableByteChannel openChannel(String path) throws IOException {
    ResourceId id = FileSystems.matchNewResource(path, false);
    return FileSystems.create(id, MimeTypes.BINARY);
  }

  /** Opens {@code path} for writing as a buffered-free OutputStream (wrap it as needed). */
  static OutputStream openStream(String path) throws IOException {
    return Channels.newOutputStream(openChannel(path));
  }

  @Override
  public PositionOutputStream create(long blockSizeHint) throws IOException {
    return new ChannelPositionOutputStream(openChannel(path));
  }

  @Override
  public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
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
    return path;
  }

  @Override
  public String toString() {
    return path;
  }

  /** Buffers writes into a {@link WritableByteChannel} and counts the bytes written. */
  static final class ChannelPositionOutputStream extends PositionOutputStream {
    private final WritableByteChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
    private long position;
    private boolean closed;

    ChannelPositionOutputStream(WritableByteChannel channel) {
      this.channel = channel;
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
      if (len >= buffer.capacity()) {
        drain();
        ByteBuffer wrapped = ByteBuffer.wrap(b, off, len);
        while (wrapped.hasRemaining()) {
          channel.write(wrapped);
        }
      } else {
        if (len > buffer.remaining()) {
          drain();
        }
        buffer.put(b, off, len);
      }
      position += len;
    }

    @Override
    public void flush() throws IOException {
      drain();
    }

    private void drain() throws IOException {
      buffer.flip();
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      buffer.clear();
    }

    @Override
    public void close() throws IOException {
      if (closed) {
        return;
      }
      closed = true;
      try {
        drain();
      } finally {
        channel.close();
      }
    }
  }
}
