package io.microstructure.engine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.values.KV;

/**
 * A market's kept trades, received in pieces per chunk in any order, handed back chunk after
 * chunk in reconstructed order while only one chunk is in memory: the pieces wait in a file on the
 * worker's local disk. So the ordered pass VPIN and the volume bars need (their buckets end where
 * every earlier trade puts them) holds a chunk of trades, not the market's span. Iterable as often
 * as needed; {@link #close} deletes the file.
 */
public final class KeptTradeSpill implements Iterable<KeptTrades>, AutoCloseable {
  private final Path file;
  private final RandomAccessFile in;
  // Chunk → the pieces' (offset, length) in the file.
  private final TreeMap<Long, List<long[]>> pieces = new TreeMap<>();

  private KeptTradeSpill(Path file) throws IOException {
    this.file = file;
    this.in = new RandomAccessFile(file.toFile(), "rw");
  }

  /** Reads the group once, writing each piece aside. */
  public static KeptTradeSpill of(Iterable<KV<Long, KeptTrades>> group) throws IOException {
    KeptTradeSpill s = new KeptTradeSpill(Files.createTempFile("kept-trades-", ".bin"));
    try {
      long at = 0;
      for (KV<Long, KeptTrades> piece : group) {
        byte[] bytes = serialize(piece.getValue());
        s.in.seek(at);
        s.in.write(bytes);
        s.pieces.computeIfAbsent(piece.getKey(), k -> new ArrayList<>()).add(new long[] {at, bytes.length});
        at += bytes.length;
      }
    } catch (IOException | RuntimeException e) {
      s.close();
      throw e;
    }
    return s;
  }

  /** The file the pieces wait in, for tests. */
  Path file() {
    return file;
  }

  @Override
  public Iterator<KeptTrades> iterator() {
    Iterator<Map.Entry<Long, List<long[]>>> chunks = pieces.entrySet().iterator();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return chunks.hasNext();
      }

      @Override
      public KeptTrades next() {
        List<KeptTrades> parts = new ArrayList<>();
        for (long[] p : chunks.next().getValue()) {
          parts.add(read(p[0], (int) p[1]));
        }
        return KeptTrades.sorted(parts);
      }
    };
  }

  private KeptTrades read(long offset, int length) {
    byte[] bytes = new byte[length];
    try {
      in.seek(offset);
      in.readFully(bytes);
      try (ObjectInputStream o = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
        return (KeptTrades) o.readObject();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read back kept trades from " + file, e);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] serialize(KeptTrades k) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream o = new ObjectOutputStream(bytes)) {
      o.writeObject(k);
    }
    return bytes.toByteArray();
  }

  @Override
  public void close() throws IOException {
    try {
      in.close();
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
