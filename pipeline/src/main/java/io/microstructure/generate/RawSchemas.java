package io.microstructure.generate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;

/** Loads the raw channel schemas that the schemas module packages as classpath resources. */
final class RawSchemas {
  static final String RESOURCE_DIR = "io/microstructure/schemas/";

  private RawSchemas() {}

  static Schema load(String name) {
    String resource = RESOURCE_DIR + name + ".avsc";
    ClassLoader loader = RawSchemas.class.getClassLoader();
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("schema resource not on the classpath: " + resource);
      }
      return new Schema.Parser().parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read schema " + resource, e);
    }
  }

  static Schema forChannel(Channel channel, BookLayout layout) {
    switch (channel) {
      case ORDERBOOK:
        return load(layout.schemaName());
      case TRADES:
        return load("trades");
      default:
        return load("ticker");
    }
  }
}
