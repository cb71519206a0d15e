package io.microstructure.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * A Parquet {@link InputFile} over a Beam channel, so any Beam filesystem (local, s3) can be read.
 * Parquet names the file in its messages by {@link #toString()}: the name given, the file's path.
 */
public final class BeamInputFile implements InputFile {
  private final SeekableByteChannel channel;
  private final String name;

  /** {@code name}: the file's path, for messages ("… is not a Parquet file"). */
  public BeamInputFile(SeekableByteChannel channel, String name) {
    this.channel = channel;
    this.name = name;
  }

  @Override
  public long getLength() throws IOException {
    return channel.size();
  }

  @Override
  public SeekableInputStream newStream() {
    return new DelegatingSeekableInputStream(Channels.newInputStream(channel)) {
      @Override
      public long getPos() throws IOException {
        return channel.position();
      }

      @Override
      public void seek(long newPos) throws IOException {
        channel.position(newPos);
      }

      @Override
      public int read(ByteBuffer buf) throws IOException {
        return channel.read(buf);
      }
    };
  }

  @Override
  public String toString() {
    return name;
  }
}
