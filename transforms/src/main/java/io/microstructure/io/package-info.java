/**
 * What reading captures and writing tables share: Parquet files on any Beam filesystem, the
 * names of segment files, and local paths.
 */
package io.microstructure.io;
