package dev.smileloop.history.boundary;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for the tests: zonky's embedded PostgreSQL 14 binaries, started as a
 * process and stopped at the end (as root, zonky runs it in a user namespace, since PostgreSQL
 * refuses to run as root).
 */
final class RealPostgres implements AutoCloseable {

  private final EmbeddedPostgres postgres;
  private final Path base;

  private RealPostgres(EmbeddedPostgres postgres, Path base) {
    this.postgres = postgres;
    this.base = base;
  }

  static RealPostgres start() throws IOException {
    Path base = Files.createTempDirectory("smile-pg-");
    return new RealPostgres(
        EmbeddedPostgres.builder()
            .setOverrideWorkingDirectory(Files.createDirectories(base.resolve("work")).toFile())
            .setDataDirectory(base.resolve("data"))
            .start(),
        base);
  }

  String jdbcUrl(String database) {
    return postgres.getJdbcUrl("postgres", database);
  }

  @Override
  public void close() throws IOException {
    postgres.close();
    // The unpacked binaries (~60 MB) and the data folder go with the server.
    try (Stream<Path> files = Files.walk(base)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    }
  }
}
