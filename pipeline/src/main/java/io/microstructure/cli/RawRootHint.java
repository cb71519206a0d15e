package io.microstructure.cli;

import io.microstructure.io.SegmentFiles;
import io.microstructure.model.Channel;
import java.util.Optional;

/**
 * Where the raw root is when a user gave a folder inside it: {@code raw/ready/ccxt} (the source
 * folder) or {@code raw/ready/ccxt/orderbook} (a channel folder) for {@code raw}.
 */
final class RawRootHint {
  private RawRootHint() {}

  /** {@code "; it is the source folder: the raw root is raw"}, or empty if the path is no such. */
  static Optional<String> of(String given, String source) {
    String path = SegmentFiles.stripSlash(given);
    String[] parts = path.split("/", -1);
    int n = parts.length;
    String last = parts[n - 1];
    if (n >= 3 && isChannel(last) && parts[n - 2].equals(source) && parts[n - 3].equals("ready")) {
      return hint(path, n - 3, "the " + last + " channel folder");
    }
    if (n >= 2 && last.equals(source) && parts[n - 2].equals("ready")) {
      return hint(path, n - 2, "the " + source + " source folder");
    }
    if (last.equals("ready")) {
      return hint(path, n - 1, "the ready/ folder");
    }
    return Optional.empty();
  }

  private static Optional<String> hint(String path, int readyIndex, String what) {
    String[] parts = path.split("/", -1);
    String root = String.join("/", java.util.Arrays.copyOf(parts, readyIndex));
    if (root.endsWith(":/")) {
      return Optional.empty(); // s3://ready: a bucket, not a folder inside a root
    }
    if (root.isEmpty()) {
      root = path.startsWith("/") ? "/" : ".";
    }
    return Optional.of("; that is " + what + " inside a raw root: give --raw-root " + root);
  }

  private static boolean isChannel(String name) {
    for (Channel c : Channel.values()) {
      if (c.folder().equals(name)) {
        return true;
      }
    }
    return false;
  }
}
