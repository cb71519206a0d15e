package io.microstructure.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One mapping of a YAML document, read key by key with types checked and every mistake reported
 * with its full key path ({@code features.horizons[1]}). Keys never read are unknown keys.
 */
final class YamlSection {
  private final String file;
  private final String path;
  private final Map<String, Object> values;
  private final Set<String> read = new LinkedHashSet<>();
  private final List<YamlSection> children = new ArrayList<>();

  YamlSection(String file, String path, Map<String, Object> values) {
    this.file = file;
    this.path = path;
    this.values = values;
  }

  static YamlSection root(String file, Object document) {
    if (document == null) {
      return new YamlSection(file, "", new LinkedHashMap<>());
    }
    if (!(document instanceof Map)) {
      throw new ConfigException(
          file + ": the document must be a mapping of keys, got " + describe(document));
    }
    return new YamlSection(file, "", asStringMap(file, "", document));
  }

  /**
   * The defaults with a user's document laid over them: mappings merge key by key, anything else
   * (scalars, lists) replaces. The user's keys that the defaults lack stay, to be reported.
   */
  @SuppressWarnings("unchecked")
  static Object overlay(Object defaults, Object user, String file) {
    if (user == null) {
      return defaults;
    }
    if (!(user instanceof Map)) {
      throw new ConfigException(
          file + ": the document must be a mapping of keys, got " + describe(user));
    }
    Map<String, Object> merged = new LinkedHashMap<>(asStringMap(file, "", defaults));
    for (Map.Entry<String, Object> e : asStringMap(file, "", user).entrySet()) {
      Object base = merged.get(e.getKey());
      merged.put(
          e.getKey(),
          base instanceof Map && e.getValue() instanceof Map
              ? overlay(base, e.getValue(), file)
              : e.getValue());
    }
    return merged;
  }

  /** A problem with the section as a whole. */
  ConfigException error(String problem) {
    return new ConfigException(file + ": " + (path.isEmpty() ? "" : path + ": ") + problem);
  }

  boolean has(String key) {
    read.add(key);
    return values.containsKey(key) && values.get(key) != null;
  }

  String key(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  ConfigException error(String key, String problem) {
    return new ConfigException(file + ": " + key(key) + ": " + problem);
  }

  private Object raw(String key) {
    read.add(key);
    return values.get(key);
  }

  YamlSection section(String key) {
    Object v = raw(key);
    YamlSection s =
        new YamlSection(
            file,
            key(key),
            v == null ? new LinkedHashMap<>() : asStringMap(file, key(key), requireMap(key, v)));
    children.add(s);
    return s;
  }

  String string(String key, String fallback) {
    Object v = raw(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof String || v instanceof Number || v instanceof Boolean) {
      return v.toString();
    }
    throw error(key, "expected a string, got " + describe(v));
  }

  /** A UTC instant, quoted ("2009-01-01T00:00:00Z") or as YAML reads an unquoted timestamp. */
  java.time.Instant instant(String key, java.time.Instant fallback) {
    Object v = raw(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof java.util.Date) {
      return ((java.util.Date) v).toInstant();
    }
    if (v instanceof String) {
      try {
        return java.time.Instant.parse((String) v);
      } catch (java.time.format.DateTimeParseException e) {
        // reported below
      }
    }
    throw error(key, "expected a UTC instant like 2009-01-01T00:00:00Z, got " + describe(v));
  }

  boolean bool(String key, boolean fallback) {
    Object v = raw(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Boolean) {
      return (Boolean) v;
    }
    throw error(key, "expected true or false, got " + describe(v));
  }

  long integer(String key, long fallback) {
    Object v = raw(key);
    if (v == null) {
      return fallback;
    }
    return toLong(key(key), v);
  }

  double number(String key, double fallback) {
    Object v = raw(key);
    if (v == null) {
      return fallback;
    }
    return toDouble(key(key), v);
  }

  List<String> strings(String key, List<String> fallback) {
    Object v = raw(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof String) {
      return List.of((String) v);
    }
    List<?> list = requireList(key, v);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      Object x = list.get(i);
      if (!(x instanceof String)) {
        throw new ConfigException(
            file + ": " + key(key) + "[" + i + "]: expected a string, got " + describe(x));
      }
      out.add((String) x);
    }
    return out;
  }

  long[] longs(String key, long[] fallback) {
    Object v = raw(key);
    if (v == null) {
      return fallback;
    }
    List<?> list = requireList(key, v);
    long[] out = new long[list.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = toLong(key(key) + "[" + i + "]", list.get(i));
    }
    return out;
  }

  double[] doubles(String key, double[] fallback) {
    Object v = raw(key);
    if (v == null) {
      return fallback;
    }
    List<?> list = requireList(key, v);
    double[] out = new double[list.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = toDouble(key(key) + "[" + i + "]", list.get(i));
    }
    return out;
  }

  /** A mapping of names to numbers, e.g. per-symbol sizes. */
  Map<String, Double> numberMap(String key) {
    Object v = raw(key);
    Map<String, Double> out = new TreeMap<>();
    if (v == null) {
      return out;
    }
    for (Map.Entry<String, Object> e : asStringMap(file, key(key), requireMap(key, v)).entrySet()) {
      out.put(e.getKey(), toDouble(key(key) + "." + e.getKey(), e.getValue()));
    }
    return out;
  }

  /** A mapping of names to scalars, kept as text (e.g. runner options). */
  Map<String, String> stringMap(String key) {
    Object v = raw(key);
    Map<String, String> out = new LinkedHashMap<>();
    if (v == null) {
      return out;
    }
    for (Map.Entry<String, Object> e : asStringMap(file, key(key), requireMap(key, v)).entrySet()) {
      Object x = e.getValue();
      if (x instanceof Map || x instanceof List) {
        throw new ConfigException(
            file + ": " + key(key) + "." + e.getKey() + ": expected a single value");
      }
      out.put(e.getKey(), x == null ? null : x.toString());
    }
    return out;
  }

  /** Fails on the first key (here or in a child section) that nothing read. */
  void rejectUnknownKeys() {
    for (String k : values.keySet()) {
      if (!read.contains(k)) {
        String hint = closest(k, read);
        throw new ConfigException(
            file
                + ": unknown key '"
                + key(k)
                + "'"
                + (hint == null ? "" : " (did you mean '" + key(hint) + "'?)"));
      }
    }
    for (YamlSection c : children) {
      c.rejectUnknownKeys();
    }
  }

  private long toLong(String where, Object v) {
    if (v instanceof Integer || v instanceof Long) {
      return ((Number) v).longValue();
    }
    if (v instanceof Number
        && ((Number) v).doubleValue() == Math.rint(((Number) v).doubleValue())) {
      return ((Number) v).longValue();
    }
    throw new ConfigException(file + ": " + where + ": expected an integer, got " + describe(v));
  }

  private double toDouble(String where, Object v) {
    if (v instanceof Number) {
      return ((Number) v).doubleValue();
    }
    throw new ConfigException(file + ": " + where + ": expected a number, got " + describe(v));
  }

  private Map<?, ?> requireMap(String key, Object v) {
    if (!(v instanceof Map)) {
      throw error(key, "expected a mapping of keys, got " + describe(v));
    }
    return (Map<?, ?>) v;
  }

  private List<?> requireList(String key, Object v) {
    if (!(v instanceof List)) {
      throw error(key, "expected a list, got " + describe(v));
    }
    return (List<?>) v;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asStringMap(String file, String where, Object v) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : ((Map<Object, Object>) v).entrySet()) {
      if (!(e.getKey() instanceof String)) {
        throw new ConfigException(file + ": " + where + ": key " + e.getKey() + " is not a name");
      }
      out.put((String) e.getKey(), e.getValue());
    }
    return out;
  }

  static String describe(Object v) {
    if (v instanceof String) {
      return "the string \"" + v + "\"";
    }
    if (v instanceof List) {
      return "a list";
    }
    if (v instanceof Map) {
      return "a mapping";
    }
    return v == null ? "nothing" : String.valueOf(v);
  }

  /** The known key nearest to a misspelt one (edit distance ≤ 3), for the error message. */
  private static String closest(String key, Set<String> known) {
    String best = null;
    int bestDistance = 4;
    for (String k : known) {
      int d = distance(key, k);
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    return best;
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
