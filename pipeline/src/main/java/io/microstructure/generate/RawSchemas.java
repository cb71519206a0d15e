package io.microstructure.generate;

import io.microstructure.model.Channel;
import io.microstructure.output.OutputSchemas;
import org.apache.avro.Schema;

/** Loads the raw channel schemas that the schemas module packages as classpath resources. */
final class RawSchemas {

  private RawSchemas() {}

  static Schema load(String name) {
    return OutputSchemas.resource(name);
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
