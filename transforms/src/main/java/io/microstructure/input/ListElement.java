package io.microstructure.input;

import java.util.Arrays;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.Type;

/**
 * The element of a LIST group, chosen by the rules parquet-avro applies (so the columnar reader
 * sees the levels the record path sees): a repeated primitive, a repeated group of several fields,
 * a repeated group named {@code array} or {@code <list>_tuple}, or one whose only field is
 * repeated, is the element; otherwise its only field is. Holds the paths of the repeated node and
 * of the element, from which {@link BookColumnLayout} takes definition and repetition levels.
 */
final class ListElement {
  final String[] repeatedPath;
  final Type element;
  final String[] elementPath;

  private ListElement(String[] repeatedPath, Type element, String[] elementPath) {
    this.repeatedPath = repeatedPath;
    this.element = element;
    this.elementPath = elementPath;
  }

  /**
   * The element of the LIST annotated group {@code list} at {@code path}.
   *
   * @param column the book column, named in an {@link
   *     ColumnarOrderBookReader.UnsupportedLayoutException}
   */
  static ListElement of(String column, GroupType list, String[] path) {
    if (list.getFieldCount() != 1 || !list.getType(0).isRepetition(Type.Repetition.REPEATED)) {
      throw BookColumnLayout.unsupported(
          column, "has a LIST group without a single repeated field: " + list);
    }
    Type repeated = list.getType(0);
    String[] repeatedPath = append(path, repeated.getName());
    boolean structural =
        repeated.isPrimitive()
            || repeated.asGroupType().getFieldCount() > 1
            || repeated.asGroupType().getType(0).isRepetition(Type.Repetition.REPEATED);
    if (structural) {
      return new ListElement(repeatedPath, repeated, repeatedPath);
    }
    boolean named =
        repeated.getName().equals("array") || repeated.getName().equals(list.getName() + "_tuple");
    if (named) {
      // parquet-avro agrees only when the repeated group reads as a record, and it re-reads
      // that record assuming 2-level lists inside: a nested list breaks its read.
      if (!isPlainGroup(repeated) || containsList(repeated.asGroupType())) {
        throw BookColumnLayout.unsupported(
            column, "has an ambiguous legacy list element: " + repeated);
      }
      return new ListElement(repeatedPath, repeated, repeatedPath);
    }
    Type element = repeated.asGroupType().getType(0);
    if (isPlainGroup(element) && element.getName().equals(repeated.getName())) {
      // parquet-avro could take the repeated group for a record element here.
      throw BookColumnLayout.unsupported(column, "has an ambiguous list element: " + repeated);
    }
    return new ListElement(repeatedPath, element, append(repeatedPath, element.getName()));
  }

  /** A group without a logical type: a record to parquet-avro. */
  static boolean isPlainGroup(Type t) {
    return !t.isPrimitive() && t.getLogicalTypeAnnotation() == null;
  }

  static boolean isList(Type t) {
    return !t.isPrimitive()
        && t.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation;
  }

  private static boolean containsList(GroupType g) {
    for (Type t : g.getFields()) {
      if (!t.isPrimitive() && (isList(t) || containsList(t.asGroupType()))) {
        return true;
      }
    }
    return false;
  }

  /** {@code path} with {@code name} appended: the path of a field of the node at {@code path}. */
  static String[] append(String[] path, String name) {
    String[] p = Arrays.copyOf(path, path.length + 1);
    p[path.length] = name;
    return p;
  }
}
