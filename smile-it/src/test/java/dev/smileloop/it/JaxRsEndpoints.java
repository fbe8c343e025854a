package dev.smileloop.it;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.HttpMethod;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The REST endpoints the WAR really has, as {@code "GET /api/loops/{id}"}: read by reflection from
 * the {@code @ApplicationPath}, {@code @Path} and HTTP-method annotations of the classes the build
 * put in the WAR ({@code WEB-INF/classes}, loaded with {@code WEB-INF/lib}), so a resource added
 * without its description in {@code /openapi} cannot go unnoticed.
 */
final class JaxRsEndpoints {

  private static final byte[] PATH = "Ljakarta/ws/rs/Path;".getBytes(StandardCharsets.UTF_8);
  private static final byte[] APPLICATION_PATH =
      "Ljakarta/ws/rs/ApplicationPath;".getBytes(StandardCharsets.UTF_8);

  private JaxRsEndpoints() {}

  /** Every method and path template of the WAR's resources, sorted. */
  static TreeSet<String> of(Path war) throws IOException {
    Path unpacked =
        Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "war-classes-");
    try {
      unpack(war, unpacked);
      return endpoints(unpacked);
    } finally {
      try (Stream<Path> all = Files.walk(unpacked)) {
        for (Path path : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      }
    }
  }

  private static TreeSet<String> endpoints(Path unpacked) throws IOException {
    Path classes = unpacked.resolve("WEB-INF/classes");
    List<URL> urls = new ArrayList<>(List.of(url(classes)));
    Path lib = unpacked.resolve("WEB-INF/lib");
    if (Files.isDirectory(lib)) {
      try (Stream<Path> jars = Files.list(lib)) {
        jars.filter(j -> j.toString().endsWith(".jar")).map(JaxRsEndpoints::url).forEach(urls::add);
      }
    }
    List<String> annotated = new ArrayList<>();
    String application = null;
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        byte[] bytes = Files.readAllBytes(file);
        String name =
            classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
        if (contains(bytes, PATH)) {
          annotated.add(name);
        }
        if (contains(bytes, APPLICATION_PATH)) {
          application = name;
        }
      }
    }
    if (application == null) {
      throw new AssertionError("the WAR has no @ApplicationPath class");
    }
    TreeSet<String> endpoints = new TreeSet<>();
    try (URLClassLoader loader =
        new URLClassLoader(urls.toArray(URL[]::new), JaxRsEndpoints.class.getClassLoader())) {
      String root = load(loader, application).getAnnotation(ApplicationPath.class).value();
      for (String name : annotated) {
        Class<?> type = load(loader, name);
        jakarta.ws.rs.Path resource = type.getAnnotation(jakarta.ws.rs.Path.class);
        if (resource == null) {
          continue; // @Path only on methods of a class that is no root resource: none here
        }
        for (Method method : type.getMethods()) {
          String http = httpMethod(method);
          jakarta.ws.rs.Path sub = method.getAnnotation(jakarta.ws.rs.Path.class);
          if (http == null && sub != null) {
            throw new AssertionError(
                name + "." + method.getName() + " is a sub-resource locator; list its paths here");
          }
          if (http != null) {
            endpoints.add(
                http + " " + template(root, resource.value(), sub == null ? "" : sub.value()));
          }
        }
      }
    }
    return endpoints;
  }

  /** {@code /api} + class path + method path, single slashes, regexes of parameters dropped. */
  static String template(String... parts) {
    String joined = "/" + String.join("/", parts);
    String path =
        joined.replaceAll("\\{\\s*(\\w[\\w.-]*)\\s*:[^}]*}", "{$1}").replaceAll("/+", "/");
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  private static String httpMethod(Method method) {
    for (Annotation annotation : method.getAnnotations()) {
      HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
      if (http != null) {
        return http.value();
      }
    }
    return null;
  }

  private static Class<?> load(ClassLoader loader, String name) {
    try {
      return Class.forName(name, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new AssertionError("cannot load " + name + " from the WAR to read its paths: " + e, e);
    }
  }

  private static boolean contains(byte[] bytes, byte[] wanted) {
    outer:
    for (int i = 0; i <= bytes.length - wanted.length; i++) {
      for (int j = 0; j < wanted.length; j++) {
        if (bytes[i + j] != wanted[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private static void unpack(Path war, Path into) throws IOException {
    try (InputStream in = Files.newInputStream(war);
        ZipInputStream zip = new ZipInputStream(in)) {
      for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        if (entry.isDirectory() || !entry.getName().startsWith("WEB-INF/")) {
          continue;
        }
        Path target = into.resolve(entry.getName()).normalize();
        if (!target.startsWith(into)) {
          throw new IOException("an entry outside the WAR's folder: " + entry.getName());
        }
        Files.createDirectories(target.getParent());
        Files.copy(zip, target);
      }
    }
  }

  private static URL url(Path path) {
    try {
      return path.toUri().toURL();
    } catch (MalformedURLException e) {
      throw new UncheckedIOException(e);
    }
  }
}
