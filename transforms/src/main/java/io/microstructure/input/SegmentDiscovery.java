package io.microstructure.input;

import io.microstructure.io.SegmentFiles;
import io.microstructure.model.Channel;
import java.io.Serializable;
import java.nio.file.Path;

/**
 * Which files of a raw root are read: the discovery rule of the data contract, the one place both
 * the pipeline ({@code ReadChannel}) and the launcher's inventory (dry run, filter checks) take it
 * from.
 *
 * <ul>
 *   <li>Files are found recursively under each channel folder {@code <raw
 *       root>/ready/<source>/<channel>/}, so Hive-style subfolders ({@code
 *       exchange=x/symbol=y/year=…/hour=…/segment_….parquet}) are read.
 *   <li>Hidden files and folders (a name starting with {@code .}) are skipped, macOS' {@code ._*}
 *       metadata files among them.
 *   <li>Only {@code segment_*.parquet} is read; every other file found is skipped.
 * </ul>
 *
 * <p>Skipped files are not an error: the launcher lists them (count, first names, reason) in the
 * run summary and the dry run, and the pipeline counts them ({@code <channel>/files_ignored}).
 */
public final class SegmentDiscovery {
  /** What the rule makes of a file found under a channel folder. */
  public enum Verdict {
    /** A raw segment: read. */
    SEGMENT("read"),
    /** In a folder whose name starts with '.': skipped. */
    HIDDEN_FOLDER("in a hidden folder"),
    /** A name starting with '.': skipped. */
    HIDDEN_FILE("hidden file"),
    /** macOS' AppleDouble metadata ({@code ._name}), copied along with files by Finder: skipped. */
    MACOS_METADATA("macOS metadata file (._*)"),
    /** Any other file: skipped. */
    NOT_A_SEGMENT("not named segment_*.parquet");

    private final String reason;

    Verdict(String reason) {
      this.reason = reason;
    }

    /** Why a file with this verdict is skipped (or "read"), for people. */
    public String reason() {
      return reason;
    }
  }

  /** A file found under a channel folder and not read. */
  public record Skipped(Channel channel, String path, String relativePath, Verdict verdict)
      implements Serializable {}

  private SegmentDiscovery() {}

  /**
   * A channel's folder without a trailing slash. A local raw root is made absolute here, in the
   * launcher's working directory: filesystems report matched files with absolute paths, and a
   * runner's workers may run elsewhere.
   */
  public static String channelFolder(String rawRoot, String source, Channel channel) {
    return absolute(rawRoot) + "/ready/" + source + "/" + channel.folder();
  }

  /** The glob that finds every file below a channel folder, at any depth. */
  public static String glob(String channelFolder) {
    return channelFolder + "/**";
  }

  /** The verdict on {@code path}, a file found below {@code channelFolder}. */
  public static Verdict classify(String channelFolder, String path) {
    String rel = relative(channelFolder, path);
    String[] parts = rel.split("/");
    for (int i = 0; i < parts.length - 1; i++) {
      if (parts[i].startsWith(".")) {
        return Verdict.HIDDEN_FOLDER;
      }
    }
    String name = parts[parts.length - 1];
    if (name.startsWith("._")) {
      return Verdict.MACOS_METADATA;
    }
    if (name.startsWith(".")) {
      return Verdict.HIDDEN_FILE;
    }
    if (name.startsWith("segment_") && name.endsWith(".parquet")) {
      return Verdict.SEGMENT;
    }
    return Verdict.NOT_A_SEGMENT;
  }

  /** {@code path} below {@code channelFolder}, e.g. {@code exchange=x/segment_1.parquet}. */
  public static String relative(String channelFolder, String path) {
    String prefix = channelFolder + "/";
    return path.startsWith(prefix) ? path.substring(prefix.length()) : path;
  }

  private static String absolute(String root) {
    String r = SegmentFiles.stripSlash(root);
    if (r.startsWith("file://")) {
      r = r.substring("file://".length());
    } else if (r.matches("^[A-Za-z][A-Za-z0-9+.-]*://.*")) {
      return r; // s3://, gs:// …: already absolute
    }
    return SegmentFiles.stripSlash(Path.of(r).toAbsolutePath().normalize().toString());
  }
}
