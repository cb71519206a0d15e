package io.microstructure.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * Preflight of an output root, before any input is read: a run that cannot write must say so at
 * once, not after reading everything. A local root must be a folder this process can write to, or
 * one it can create; an {@code s3://} root gets {@link Storage#check}. Other schemes (gs:// …) are
 * left to their filesystem.
 */
public final class WritableRoot {
  private WritableRoot() {}

  /**
   * @throws StorageException in one line naming the root and what is wrong with it
   */
  public static void check(PipelineOptions options, String root) {
    if (Storage.isS3(root)) {
      Storage.check(options, root);
      return;
    }
    if (root.matches("^[A-Za-z][A-Za-z0-9+.-]*://.*") && !root.startsWith("file://")) {
      return;
    }
    Path path = Path.of(root.replaceFirst("^file://", "")).toAbsolutePath().normalize();
    if (Files.exists(path)) {
      if (!Files.isDirectory(path)) {
        throw new StorageException("output root " + root + " is a file, not a folder");
      }
      if (!Files.isWritable(path)) {
        throw new StorageException("output root " + root + " is not writable");
      }
      return;
    }
    Path existing = path.getParent();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return;
    }
    if (!Files.isDirectory(existing)) {
      throw new StorageException(
          "output root " + root + " cannot be created: " + existing + " is a file");
    }
    if (!Files.isWritable(existing)) {
      throw new StorageException(
          "output root " + root + " cannot be created: " + existing + " is not writable");
    }
  }
}
