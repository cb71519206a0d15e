package io.microstructure.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.util.MimeTypes;

/** Small UTF-8 text files (state and records) on any Beam filesystem: local, S3, GCS. */
public final class TextFiles {
  private TextFiles() {}

  public static String read(String path) throws IOException {
    try (InputStream in =
        Channels.newInputStream(FileSystems.open(FileSystems.matchNewResource(path, false)))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Writes (or replaces) the file with {@code text}. */
  public static void write(String path, String text) throws IOException {
    try (Writer w =
        new OutputStreamWriter(
            Channels.newOutputStream(
                FileSystems.create(FileSystems.matchNewResource(path, false), MimeTypes.TEXT)),
            StandardCharsets.UTF_8)) {
      w.write(text);
    }
  }
}
