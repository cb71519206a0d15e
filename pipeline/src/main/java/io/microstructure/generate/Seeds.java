package io.microstructure.generate;

import java.nio.charset.StandardCharsets;

/** Deterministic seed derivation: the same (seed, parts...) gives the same stream on any JVM. */
final class Seeds {
  private Seeds() {}

  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  static long fnv1a(String s) {
    long h = 0xcbf29ce484222325L;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= (b & 0xff);
      h *= 0x100000001b3L;
    }
    return h;
  }

  /** A seed for the sub-stream named by {@code parts} of the run seeded with {@code seed}. */
  static long derive(long seed, String... parts) {
    long h = mix(seed + 0x9E3779B97F4A7C15L);
    for (String part : parts) {
      h = mix(h ^ fnv1a(part));
    }
    return h;
  }
}
