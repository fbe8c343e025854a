package dev.smileloop.it;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium, driven through its own chromedriver (no driver download). Without a
 * browser the tests are skipped, except in CI ({@code CI=true}) or with {@code
 * SMILE_REQUIRE_BROWSER=1}, where its absence is a failure.
 */
final class Browser {

  private static final String[] CHROMIUM = {"/usr/bin/chromium", "/usr/bin/chromium-browser"};
  private static final String[] DRIVER = {
    "/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"
  };

  private Browser() {}

  static void assumeAvailable() {
    boolean present = find(CHROMIUM) != null && find(DRIVER) != null;
    boolean required =
        "true".equalsIgnoreCase(System.getenv("CI"))
            || "1".equals(System.getenv("SMILE_REQUIRE_BROWSER"));
    if (required && !present) {
      throw new AssertionError(
          "chromium and chromium-driver are required here but not installed"
              + " (apt-get install -y chromium chromium-driver)");
    }
    Assumptions.assumeTrue(
        present, "no headless browser; apt-get install -y chromium chromium-driver");
  }

  /** A fresh headless browser with its own profile under target/. */
  static WebDriver start() throws IOException {
    Path profile =
        Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(find(CHROMIUM));
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
        "--window-size=1280,2000",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(find(DRIVER)))
            .usingAnyFreePort()
            .build();
    return new ChromeDriver(service, options);
  }

  static <T> T await(WebDriver driver, Duration limit, Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, limit, Duration.ofMillis(50)).until(condition);
  }

  /** Saves a screenshot under target/screenshots (a test artifact). */
  static Path screenshot(WebDriver driver, String name) throws IOException {
    Path dir = Path.of("target", "screenshots");
    Files.createDirectories(dir);
    Path file = dir.resolve(name + ".png");
    Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    return file;
  }

  private static String find(String[] candidates) {
    for (String candidate : candidates) {
      if (new File(candidate).canExecute()) {
        return candidate;
      }
    }
    return null;
  }
}
