package io.marketgate.cache;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.CRC32C;

/**
 * A directory in which {@link CachedResource}s whose policy says {@code persist} keep their last
 * loaded values, so that they survive a process restart.
 *
 * <p>Thread-safe. Opened once per directory per process (two processes must not share a directory);
 * the caller owns the directory. Opening never fails because of a file's content: bad files are
 * skipped with one warning each.
 */
public final class FileTier {

  /*
   * One file per (resource, key), named by the hex SHA-256 of the resource name, a zero byte and
   * the encoded key, with the suffix ".mgc". The name carries no user text, so any key is safe;
   * the resource and key are stored inside the file and checked against the name when read, which
   * catches a file copied or renamed from another resource or key.
   *
   * Format version 1, big-endian:
   *   magic "MGCF" (4) | version u16 = 1 | reserved u16 = 0
   *   resource length u16 | resource UTF-8
   *   key length i32 | key bytes (the resource's key codec)
   *   asOf epoch second i64 | asOf nano i32      wall time of the load that produced the value
   *   seq i64 | epoch i64                          Freshness seq and epoch of the value
   *   payload length i32 | payload (the resource's value codec)
   *   CRC32C i32 of every byte before it
   * The magic is checked first, then the version (a later version may lay out everything after
   * it differently), then the fields with bounds checks (truncation), then the checksum.
   *
   * Writes: encode in memory, write a temporary file ".<name>.<random>.tmp" in the same
   * directory, FileChannel.force(true), Files.move ATOMIC_MOVE + REPLACE_EXISTING, then fsync
   * the directory so the rename itself is durable. A reader therefore sees the old file or the
   * new one, never a mix. Temporary files found at open() are leftovers of a crash mid-write and
   * are deleted. Writes and deletes of one file are serialised by a striped lock and carry the
   * value's seq: a write older than what the file already holds (or than a delete) is dropped,
   * so writes finishing out of order cannot bring back an older value.
   *
   * open() reads every file once, validates it and groups the good ones by resource; a resource
   * takes its entries when it is built (take), decodes them with its codecs and reports decode
   * failures through skip(), so each bad file is warned about exactly once.
   */

  private static final System.Logger LOG = System.getLogger(FileTier.class.getName());

  static final int MAGIC = 0x4D474346; // "MGCF"
  static final int FORMAT_VERSION = 1;
  static final String SUFFIX = ".mgc";
  private static final String TEMP_SUFFIX = ".tmp";
  private static final long MAX_FILE_BYTES = 256L * 1024 * 1024;
  private static final int LOCK_STRIPES = 64;

  private final Path directory;
  private final Map<String, List<StoredEntry>> found = new ConcurrentHashMap<>();
  private final Set<String> claimedResources = ConcurrentHashMap.newKeySet();
  private final Map<String, FileState> states = new ConcurrentHashMap<>();
  private final List<Skipped> skipped = new CopyOnWriteArrayList<>();
  private final ReentrantLock[] locks = new ReentrantLock[LOCK_STRIPES];
  private final AtomicLong writes = new AtomicLong();
  private final AtomicLong writeFailures = new AtomicLong();

  private FileTier(Path directory) {
    this.directory = directory;
    for (int i = 0; i < locks.length; i++) {
      locks[i] = new ReentrantLock();
    }
  }

  /**
   * Opens (creating it if needed) the tier in {@code directory} and reads the files in it; throws
   * {@link CacheException} only when the directory itself cannot be created or listed.
   */
  public static FileTier open(Path directory) {
    Objects.requireNonNull(directory, "directory");
    Path dir = directory.toAbsolutePath().normalize();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new CacheException("cannot create file tier directory " + dir + ": " + e, e);
    }
    FileTier tier = new FileTier(dir);
    tier.scan();
    return tier;
  }

  /** The directory this tier writes to. */
  public Path directory() {
    return directory;
  }

  /** Number of files written successfully since open. */
  public long writes() {
    return writes.get();
  }

  /** Number of writes or deletes that failed since open; failures never reach readers. */
  public long writeFailures() {
    return writeFailures.get();
  }

  /** Files skipped since open, in the order they were found, each with the reason. */
  List<Skipped> skipped() {
    return List.copyOf(skipped);
  }

  /**
   * Hands {@code resource} the entries found for it at open; the first call per name gets them, a
   * second resource of the same name is refused because both would write the same files.
   */
  List<StoredEntry> take(String resource) {
    if (!claimedResources.add(resource)) {
      throw new IllegalStateException(
          "resource name '" + resource + "' is already in use in file tier " + directory);
    }
    List<StoredEntry> entries = found.remove(resource);
    return entries == null ? List.of() : entries;
  }

  /** Records that {@code file} was skipped because of {@code reason}, with one warning. */
  void skip(Path file, String reason) {
    skipped.add(new Skipped(file, reason));
    LOG.log(Level.WARNING, "file tier: skipping " + file + ": " + reason);
  }

  /**
   * Writes the value {@code payload} of {@code key} of {@code resource} atomically and durably,
   * unless its file already holds that seq or a newer one. Never throws: failures are counted and
   * logged.
   */
  void write(String resource, byte[] key, Instant asOf, long seq, long epoch, byte[] payload) {
    String name;
    byte[] bytes;
    try {
      name = fileName(resource, key);
      bytes =
          encode(
              new StoredEntry(directory.resolve(name), resource, key, asOf, seq, epoch, payload));
    } catch (RuntimeException e) {
      writeFailed(resource, "a file", e);
      return;
    }
    ReentrantLock lock = lockFor(name);
    lock.lock();
    try {
      FileState state = states.get(name);
      if (state != null && state.seq() >= seq) {
        return;
      }
      writeAtomically(name, bytes);
      states.put(name, new FileState(resource, seq));
      writes.incrementAndGet();
    } catch (IOException | RuntimeException e) {
      writeFailed(resource, name, e);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Deletes the file of {@code key} of {@code resource} unless it holds a value newer than {@code
   * upToSeq}; later writes with a seq up to {@code upToSeq} are dropped. Never throws.
   */
  void delete(String resource, byte[] key, long upToSeq) {
    deleteFile(resource, fileName(resource, key), upToSeq);
  }

  /** Deletes every file of {@code resource} holding a seq up to {@code upToSeq}. Never throws. */
  void deleteAll(String resource, long upToSeq) {
    states.forEach(
        (name, state) -> {
          if (state.resource().equals(resource)) {
            deleteFile(resource, name, upToSeq);
          }
        });
  }

  private void deleteFile(String resource, String name, long upToSeq) {
    ReentrantLock lock = lockFor(name);
    lock.lock();
    try {
      FileState state = states.get(name);
      if (state != null && state.seq() > upToSeq) {
        return;
      }
      states.put(name, new FileState(resource, upToSeq));
      if (Files.deleteIfExists(directory.resolve(name))) {
        fsyncDirectory();
      }
    } catch (IOException | RuntimeException e) {
      writeFailed(resource, name, e);
    } finally {
      lock.unlock();
    }
  }

  /** Counts and logs a write that failed before reaching the tier, for example in a codec. */
  void countFailedWrite(String resource, String what, Exception e) {
    writeFailures.incrementAndGet();
    LOG.log(Level.WARNING, "file tier: " + what + " of resource '" + resource + "': " + e);
  }

  private void writeFailed(String resource, String name, Exception e) {
    writeFailures.incrementAndGet();
    LOG.log(
        Level.WARNING,
        "file tier: could not write " + name + " of resource '" + resource + "' in " + directory,
        e);
  }

  private void writeAtomically(String name, byte[] bytes) throws IOException {
    Path target = directory.resolve(name);
    Path temp =
        directory.resolve(
            "."
                + name
                + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong())
                + TEMP_SUFFIX);
    try {
      try (FileChannel channel =
          FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      fsyncDirectory();
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private void fsyncDirectory() {
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException e) {
      // Some platforms (Windows) cannot open a directory; the rename is as durable as they allow.
      LOG.log(Level.DEBUG, "file tier: cannot fsync directory " + directory + ": " + e);
    }
  }

  private ReentrantLock lockFor(String name) {
    return locks[Math.floorMod(name.hashCode(), locks.length)];
  }

  private void scan() {
    List<Path> paths = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
      stream.forEach(paths::add);
    } catch (IOException e) {
      throw new CacheException("cannot list file tier directory " + directory + ": " + e, e);
    }
    paths.sort(null);
    for (Path path : paths) {
      String name = path.getFileName().toString();
      if (name.startsWith(".") && name.endsWith(TEMP_SUFFIX)) {
        removeLeftover(path);
      } else if (Files.isDirectory(path)) {
        skip(path, "is a directory, expected a cache file");
      } else if (!name.endsWith(SUFFIX)) {
        skip(path, "foreign file: not named like a cache file (*" + SUFFIX + ")");
      } else {
        readFound(path, name);
      }
    }
  }

  private void removeLeftover(Path path) {
    try {
      Files.deleteIfExists(path);
      skip(path, "incomplete temporary file of an interrupted write; deleted");
    } catch (IOException e) {
      skip(path, "incomplete temporary file of an interrupted write; could not delete: " + e);
    }
  }

  private void readFound(Path path, String name) {
    StoredEntry entry;
    try {
      long size = Files.size(path);
      if (size == 0) {
        throw new CorruptFileException("empty file");
      }
      if (size > MAX_FILE_BYTES) {
        throw new CorruptFileException(
            "file of " + size + " bytes exceeds the limit of " + MAX_FILE_BYTES);
      }
      entry = decode(path, Files.readAllBytes(path));
    } catch (CorruptFileException e) {
      skip(path, e.getMessage());
      return;
    } catch (IOException | RuntimeException e) {
      skip(path, "cannot read: " + e);
      return;
    }
    String expected = fileName(entry.resource(), entry.key());
    if (!expected.equals(name)) {
      skip(
          path,
          "holds resource '"
              + entry.resource()
              + "' under a name that does not match its content (expected "
              + expected
              + "): a file copied or renamed from another resource or key");
      return;
    }
    states.put(name, new FileState(entry.resource(), entry.seq()));
    found.computeIfAbsent(entry.resource(), r -> new ArrayList<>()).add(entry);
  }

  /** The file name of {@code key} of {@code resource}: hex SHA-256 plus the suffix. */
  static String fileName(String resource, byte[] key) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(resource.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(key);
      return HexFormat.of().formatHex(sha.digest()) + SUFFIX;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }

  /** The bytes of {@code entry} in format version 1. */
  static byte[] encode(StoredEntry entry) {
    byte[] resource = entry.resource().getBytes(StandardCharsets.UTF_8);
    if (resource.length > 0xFFFF) {
      throw new IllegalArgumentException(
          "resource name must be at most 65535 UTF-8 bytes, was " + resource.length);
    }
    ByteArrayOutputStream bytes =
        new ByteArrayOutputStream(
            64 + resource.length + entry.key().length + entry.payload().length);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      out.writeShort(FORMAT_VERSION);
      out.writeShort(0);
      out.writeShort(resource.length);
      out.write(resource);
      out.writeInt(entry.key().length);
      out.write(entry.key());
      out.writeLong(entry.asOf().getEpochSecond());
      out.writeInt(entry.asOf().getNano());
      out.writeLong(entry.seq());
      out.writeLong(entry.epoch());
      out.writeInt(entry.payload().length);
      out.write(entry.payload());
      out.flush();
      CRC32C crc = new CRC32C();
      crc.update(bytes.toByteArray());
      out.writeInt((int) crc.getValue());
    } catch (IOException e) {
      throw new IllegalStateException("writing to memory cannot fail", e);
    }
    return bytes.toByteArray();
  }

  /** The entry stored in {@code bytes} read from {@code file}; throws when they are not valid. */
  static StoredEntry decode(Path file, byte[] bytes) throws CorruptFileException {
    if (bytes.length == 0) {
      throw new CorruptFileException("empty file");
    }
    ByteBuffer in = ByteBuffer.wrap(bytes);
    if (bytes.length < 4 || in.getInt() != MAGIC) {
      throw new CorruptFileException("foreign file: does not start with the cache file magic MGCF");
    }
    try {
      int version = in.getShort() & 0xFFFF;
      if (version != FORMAT_VERSION) {
        throw new CorruptFileException(
            "unsupported format version " + version + ", expected " + FORMAT_VERSION);
      }
      in.getShort(); // reserved
      String resource =
          new String(bytes(in, in.getShort() & 0xFFFF, "resource name"), StandardCharsets.UTF_8);
      byte[] key = bytes(in, in.getInt(), "key");
      long second = in.getLong();
      int nano = in.getInt();
      long seq = in.getLong();
      long epoch = in.getLong();
      byte[] payload = bytes(in, in.getInt(), "payload");
      int checked = in.position();
      int stored = in.getInt();
      if (in.hasRemaining()) {
        throw new CorruptFileException(in.remaining() + " unexpected bytes after the checksum");
      }
      CRC32C crc = new CRC32C();
      crc.update(bytes, 0, checked);
      if ((int) crc.getValue() != stored) {
        throw new CorruptFileException(
            "checksum mismatch: stored "
                + Integer.toHexString(stored)
                + ", computed "
                + Integer.toHexString((int) crc.getValue())
                + " (corrupted content)");
      }
      if (seq < 1 || epoch < 0 || nano < 0 || nano > 999_999_999) {
        throw new CorruptFileException(
            "invalid header: seq " + seq + ", epoch " + epoch + ", nano " + nano);
      }
      return new StoredEntry(
          file, resource, key, Instant.ofEpochSecond(second, nano), seq, epoch, payload);
    } catch (BufferUnderflowException e) {
      throw new CorruptFileException("truncated: file of " + bytes.length + " bytes ends early");
    }
  }

  private static byte[] bytes(ByteBuffer in, int length, String what) throws CorruptFileException {
    if (length < 0) {
      throw new CorruptFileException(what + " length is negative (" + length + ")");
    }
    if (length > in.remaining()) {
      throw new CorruptFileException(
          "truncated: "
              + what
              + " declares "
              + length
              + " bytes but only "
              + in.remaining()
              + " remain");
    }
    byte[] out = new byte[length];
    in.get(out);
    return out;
  }

  /**
   * One valid file: the value of {@code key} of {@code resource} as loaded at {@code asOf}.
   *
   * @param file the file it was read from or is written to
   */
  record StoredEntry(
      Path file, String resource, byte[] key, Instant asOf, long seq, long epoch, byte[] payload) {}

  /** A file that was not used, and why. */
  record Skipped(Path file, String reason) {}

  private record FileState(String resource, long seq) {}

  /** A file whose content is not a valid cache file; the message says what is wrong. */
  static final class CorruptFileException extends Exception {
    CorruptFileException(String message) {
      super(message, null, false, false);
    }
  }
}
