/**
 * The output tables: their schemas ({@link io.microstructure.output.OutputSchemas}) and folders
 * ({@link io.microstructure.output.OutputLayout}), their rows as Beam {@code Row}s ({@link
 * io.microstructure.output.TableRows}), the column-block Parquet writer, the staged files of a run
 * and the run records that say what was committed.
 */
package io.microstructure.output;
