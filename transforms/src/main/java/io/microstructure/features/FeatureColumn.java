package io.microstructure.features;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One output column a feature family produces: its name and its type. A family declares its
 * columns; the tables' column lists and their Parquet schemas are derived from these declarations
 * (and checked against the published schemas of the schemas module).
 *
 * <p>Values travel as doubles (NaN for null) whatever the type: LONG, INT and TIMESTAMP hold whole
 * numbers, BOOLEAN 0 or 1, ENUM the index of its symbol. STRING columns are labels, carried as
 * strings.
 */
public final class FeatureColumn implements Serializable {
  private static final long serialVersionUID = 1L;

  /** How a column's values are stored. */
  public enum Type {
    DOUBLE,
    LONG,
    INT,
    BOOLEAN,
    /** A string out of a fixed list of symbols, coded by its index. */
    ENUM,
    /** Epoch microseconds, never null. */
    TIMESTAMP,
    /** Free text (a trade's id). */
    STRING
  }

  private final String name;
  private final Type type;
  private final List<String> symbols;

  private FeatureColumn(String name, Type type, List<String> symbols) {
    this.name = Objects.requireNonNull(name, "name");
    this.type = Objects.requireNonNull(type, "type");
    this.symbols = List.copyOf(symbols);
  }

  public static FeatureColumn of(String name, Type type) {
    if (type == Type.ENUM) {
      throw new IllegalArgumentException(name + ": an enum column needs its symbols");
    }
    return new FeatureColumn(name, type, List.of());
  }

  public static FeatureColumn ofDouble(String name) {
    return of(name, Type.DOUBLE);
  }

  public static FeatureColumn ofLong(String name) {
    return of(name, Type.LONG);
  }

  /** An enum column whose code i stands for {@code symbols.get(i)}. */
  public static FeatureColumn ofEnum(String name, List<String> symbols) {
    return new FeatureColumn(name, Type.ENUM, symbols);
  }

  public String name() {
    return name;
  }

  public Type type() {
    return type;
  }

  /** The symbols of an enum column, by code; empty for other types. */
  public List<String> symbols() {
    return symbols;
  }

  /** The names of these columns, in order. */
  public static List<String> names(List<FeatureColumn> columns) {
    List<String> names = new ArrayList<>(columns.size());
    for (FeatureColumn c : columns) {
      names.add(c.name);
    }
    return List.copyOf(names);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof FeatureColumn)) {
      return false;
    }
    FeatureColumn c = (FeatureColumn) o;
    return name.equals(c.name) && type == c.type && symbols.equals(c.symbols);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, type, symbols);
  }

  @Override
  public String toString() {
    return name + ":" + type + (symbols.isEmpty() ? "" : symbols.toString());
  }
}
