package io.microstructure.model;

/** A valid row of a raw channel as read: whose market it is and which file it came from. */
public interface RawRow {
  String exchange();

  String symbol();

  /** The file-ordering half of the row's position (see {@link EventPosition#fileKey}). */
  long fileKey();
}
