package io.microstructure.input;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.avro.Schema;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.Test;

class ColumnTypeNamesTest {
  @Test
  void namesParquetTypesAsDataframeUsersDo() {
    assertThat(
            ColumnTypeNames.of(
                Types.optional(PrimitiveTypeName.BINARY)
                    .as(LogicalTypeAnnotation.stringType())
                    .named("symbol")))
        .isEqualTo("string");
    assertThat(ColumnTypeNames.of(Types.optional(PrimitiveTypeName.BINARY).named("raw")))
        .isEqualTo("string");
    assertThat(ColumnTypeNames.of(Types.optional(PrimitiveTypeName.FLOAT).named("price")))
        .isEqualTo("float32");
    assertThat(ColumnTypeNames.of(Types.optional(PrimitiveTypeName.INT96).named("capture_ts")))
        .startsWith("an INT96 timestamp")
        .contains("rewrite the column as TIMESTAMP(MICROS)");
    assertThat(ColumnTypeNames.of(Schema.Type.STRING)).isEqualTo("string");
    assertThat(ColumnTypeNames.of(Schema.Type.ARRAY)).isEqualTo("a list");
  }
}
