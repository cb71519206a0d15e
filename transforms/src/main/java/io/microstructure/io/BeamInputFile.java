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
 * It carries the file's path and prints it: parquet-mr names a file by its {@code toString} in its
 * errors ("... is not a Parquet file"), and those end up in dead letters and run failures.
 */
public final class BeamInputFile implements InputFile {
  private final String path;
  private final SeekableByteChannel channel;

  /**
   * @param path the file's path as messages should name it
   */
  public BeamInputFile(String path, SeekableByteChannel channel) {
    this.path = path;
    this.channel = channel;
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
    return path;
  }
}
