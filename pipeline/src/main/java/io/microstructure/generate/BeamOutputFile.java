package io.microstructure.generate;

import io.microstructure.io.ChannelOutputFile;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.util.MimeTypes;
import org.apache.parquet.io.OutputFile;

/**
 * Opens files for writing on any Beam filesystem (local, s3://, gs://...): the bytes go through
 * {@link FileSystems#create}. Filesystems other than the local one must be registered by the caller
 * ({@link FileSystems#setDefaultPipelineOptions}) before writing.
 */
final class BeamOutputFile {
  private BeamOutputFile() {}

  /** A Parquet output file at {@code path}, replacing what is there. */
  static OutputFile parquet(String path) throws IOException {
    return new ChannelOutputFile(openChannel(path), path);
  }

  /** Opens {@code path} for writing (replacing what is there) as a raw byte channel. */
  static WritableByteChannel openChannel(String path) throws IOException {
    ResourceId id = FileSystems.matchNewResource(path, false);
    return FileSystems.create(id, MimeTypes.BINARY);
  }

  /** Opens {@code path} for writing as an unbuffered OutputStream (wrap it as needed). */
  static OutputStream openStream(String path) throws IOException {
    return Channels.newOutputStream(openChannel(path));
  }
}
