package dev.smileloop.cli;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * {@code .smile/daemon.json}: what the CLI needs to find and judge the local server it left
 * running. The token itself is not in it, only the path of its owner-only file; the environment is
 * kept as a hash, never as values.
 *
 * @param port where it listens on 127.0.0.1
 * @param pid its process
 * @param buildId the uber-jar it runs ({@link Daemon#buildId})
 * @param jar that jar's path, to recognise the process before stopping it
 * @param tokenFile the file with its API token
 * @param allowedRoots the folders it may read and write besides its work folder
 * @param settings the {@code --set KEY=VALUE} settings it was started with
 * @param environment a hash of the environment variables the server reads ({@link
 *     Daemon#environmentHash})
 * @param log its log file
 */
record DaemonFile(
    int port,
    long pid,
    String buildId,
    Path jar,
    Path tokenFile,
    List<Path> allowedRoots,
    List<String> settings,
    String environment,
    Path log) {

  DaemonFile {
    allowedRoots = List.copyOf(allowedRoots);
    settings = List.copyOf(settings);
  }

  /** Where the daemon of a folder is described: {@code FOLDER/.smile/daemon.json}. */
  static Path in(Path folder) {
    return folder.resolve(".smile/daemon.json");
  }

  /** The file's content; empty when it is missing or not one we wrote (then it is ignored). */
  static Optional<DaemonFile> read(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try (var reader =
        Json.createReader(new StringReader(Files.readString(file, StandardCharsets.UTF_8)))) {
      JsonObject json = reader.readObject();
      return Optional.of(
          new DaemonFile(
              json.getInt("port"),
              json.getJsonNumber("pid").longValue(),
              json.getString("buildId"),
              Path.of(json.getString("jar")),
              Path.of(json.getString("tokenFile")),
              json.getJsonArray("allowedRoots").getValuesAs(JsonString.class).stream()
                  .map(s -> Path.of(s.getString()))
                  .toList(),
              json.getJsonArray("settings").getValuesAs(JsonString.class).stream()
                  .map(JsonString::getString)
                  .toList(),
              json.getString("environment"),
              Path.of(json.getString("log"))));
    } catch (IOException | RuntimeException unreadable) {
      return Optional.empty();
    }
  }

  /** Writes the file atomically (a reader never sees half of it). */
  void write(Path file) throws IOException {
    JsonArrayBuilder roots = Json.createArrayBuilder();
    allowedRoots.forEach(root -> roots.add(root.toString()));
    JsonArrayBuilder sets = Json.createArrayBuilder();
    settings.forEach(sets::add);
    String json =
        Json.createObjectBuilder()
            .add("port", port)
            .add("pid", pid)
            .add("buildId", buildId)
            .add("jar", jar.toString())
            .add("tokenFile", tokenFile.toString())
            .add("allowedRoots", roots)
            .add("settings", sets)
            .add("environment", environment)
            .add("log", log.toString())
            .build()
            .toString();
    Files.createDirectories(file.getParent());
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(temp, json + "\n", StandardCharsets.UTF_8);
    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
