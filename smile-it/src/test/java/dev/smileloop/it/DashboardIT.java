package dev.smileloop.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard at {@code /} in a real headless Chromium against the real WAR: it follows a running
 * loop command by command, a page opened mid-run catches up, it survives its socket being dropped
 * without duplicating or missing a step, a person answers as the Mentor, and loops are started and
 * stopped from the page. Screenshots land in {@code target/screenshots}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DashboardIT {

  private static final Duration WAIT = Duration.ofSeconds(60);

  /** Five slow warm-up commands, then Bodies.GREETER's gap: a script nobody made executable. */
  static final String SLOW_GREETER =
      String.join(
          "\n",
          "# Slow greeter",
          "",
          "## Step 1: Warm up",
          "",
          "```bash",
          "sleep 1.5; echo one",
          "sleep 1.5; echo two",
          "sleep 1.5; echo three",
          "sleep 1.5; echo four",
          "sleep 1.5; echo five",
          "```",
          "",
          "## Step 2: Write the script",
          "",
          "Save the following as `hello.sh`:",
          "",
          "```bash",
          "#!/usr/bin/env bash",
          "echo \"Hello, $1\"",
          "```",
          "",
          "## Step 3: Run it",
          "",
          "```bash",
          "./hello.sh SMILE",
          "```",
          "");

  private static final String COMMANDS_JS =
      "return [...document.querySelectorAll('#timeline li.command')].map(li =>"
          + " li.dataset.iteration + '|' + li.dataset.line + '|'"
          + " + li.querySelector('.command-text').textContent + '|' + li.dataset.exit)";

  private static WebDriver driver;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return SmileServer.war();
  }

  @ArquillianResource URL deployed;

  private SmileServer server;

  @BeforeAll
  static void browser() throws Exception {
    Browser.assumeAvailable();
    driver = Browser.start();
  }

  @AfterAll
  static void closeBrowser() {
    if (driver != null) {
      driver.quit();
    }
  }

  @BeforeEach
  void quietServer() {
    Sandbox.assumeAvailable();
    server = new SmileServer(deployed);
    stopAnyLoop();
  }

  @AfterEach
  void oneWindowLeft() {
    List<String> handles = new ArrayList<>(driver.getWindowHandles());
    for (String handle : handles.subList(1, handles.size())) {
      driver.switchTo().window(handle).close();
    }
    driver.switchTo().window(handles.get(0));
  }

  @Test
  void followsARunningLoopEventByEventAndAPageOpenedMidRunCatchesUp() throws Exception {
    String watcher = open(server.base());
    awaitLive();
    start(SLOW_GREETER, "agent");

    // The page shows each command as it finishes: iteration 1 starts empty, then shows one command
    // on its own while the next ones still run.
    Set<Integer> sizesSeen = new TreeSet<>();
    long deadline = System.nanoTime() + WAIT.toNanos();
    int size;
    while ((size = commandsOf(shownCommands(), 1).size()) < 1) {
      assertTrue(System.nanoTime() < deadline, "the page never showed a command");
      sizesSeen.add(size);
      SmileServer.sleep(50);
    }
    assertEquals(Set.of(0), sizesSeen);
    assertEquals(1, size, "one command, not the whole iteration at once");
    Browser.screenshot(driver, "following");

    // A second page joins while iteration 1 still runs: it shows the same commands at once.
    List<String> before = commandsOf(shownCommands(), 1);
    String joiner = open(server.base());
    Browser.await(
        driver, WAIT, d -> "live".equals(attribute("connection", "data-state")) ? true : null);
    List<String> caughtUp =
        Browser.await(
            driver,
            WAIT,
            d -> {
              List<String> shown = commandsOf(shownCommands(), 1);
              return shown.size() >= before.size() ? shown : null;
            });
    assertEquals(before, caughtUp.subList(0, before.size()), "the joiner shows the same steps");
    assertTrue(text("loop-iteration").startsWith("1 of"), "joined while iteration 1 ran");

    awaitStatusText("completed");
    List<String> expected = expectedCommands();
    assertEquals(expected, shownCommands(), "the page that joined mid-run");
    driver.switchTo().window(watcher);
    awaitStatusText("completed");
    assertEquals(expected, shownCommands(), "the page that watched from the start");

    // The gap is marked at its tutorial line, the Mentor's notes are shown, reports are linked.
    String gapLine = driver.findElement(By.cssSelector("#tutorial-lines li.gap")).getText();
    assertTrue(gapLine.contains("./hello.sh SMILE") && gapLine.contains("G1"), gapLine);
    assertTrue(text("timeline").contains("chmod +x"), "the Mentor's fix is in the timeline");
    assertEquals(
        5, driver.findElements(By.cssSelector("#summary-panel a.report[data-format]")).size());
    assertTrue(text("summary-text").contains("gaps found: 1"), text("summary-text"));
    driver.switchTo().window(joiner);
    Browser.screenshot(driver, "completed");
    // On a phone-sized screen nothing needs sideways scrolling.
    ChromeDriver chrome = (ChromeDriver) driver;
    chrome.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride",
        Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));
    try {
      Object overflow =
          chrome.executeScript(
              "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
      assertEquals(0L, ((Number) overflow).longValue(), "sideways overflow on a phone");
      Browser.screenshot(driver, "completed-phone");
    } finally {
      chrome.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    // A report link fetches with the token and opens the report in a new tab.
    Set<String> windows = driver.getWindowHandles();
    driver.findElement(By.cssSelector("#summary-panel a.report[data-format=json]")).click();
    String reportTab =
        Browser.await(
            driver,
            WAIT,
            d ->
                d.getWindowHandles().stream()
                    .filter(h -> !windows.contains(h))
                    .findFirst()
                    .orElse(null));
    driver.switchTo().window(reportTab);
    Browser.await(driver, WAIT, d -> d.getPageSource().contains("\"schemaVersion\"") ? true : null);
  }

  @Test
  void survivesTheServerDroppingItsSocketWithNoDuplicatedOrMissingSteps() throws Exception {
    try (CuttableProxy proxy = new CuttableProxy(server.base().getPort())) {
      open(URI.create("http://127.0.0.1:" + proxy.port() + "/"));
      awaitLive();
      start(SLOW_GREETER, "agent");
      Browser.await(driver, WAIT, d -> commandsOf(shownCommands(), 1).size() >= 1);

      proxy.cut(); // every socket dropped; the next attempts are refused too
      Browser.await(
          driver, WAIT, d -> "offline".equals(attribute("connection", "data-state")) ? true : null);
      Browser.screenshot(driver, "disconnected");
      SmileServer.sleep(1500); // commands finish while the page is away
      proxy.restore();
      awaitLive();

      // Caught up through ?since=lastSeq while iteration 1 still runs: its steps so far, once each.
      List<String> iterationOne = commandsOf(shownCommands(), 1);
      assertEquals(
          1,
          driver
              .findElements(By.cssSelector("section.iteration[data-iteration='1'] .running"))
              .size(),
          "iteration 1 is still running, so its steps came from the live events");
      assertTrue(
          proxy.requestLines().stream()
              .anyMatch(l -> l.matches("GET /ws\\?since=[1-9][0-9]* HTTP/1.1")),
          "the page asked for the events it missed: " + proxy.requestLines());
      Browser.screenshot(driver, "reconnected");

      awaitStatusText("completed");
      List<String> expected = expectedCommands();
      assertEquals(expected, shownCommands());
      assertEquals(
          commandsOf(expected, 1).subList(0, iterationOne.size()),
          iterationOne,
          "what the reconnected page showed mid-iteration was the true beginning of it");
    }
  }

  @Test
  void humanMentorFormMovesTheWaitingLoopOnAndTheFirstAnswerWins() throws Exception {
    String first = open(server.base());
    awaitLive();
    startFromPage(Bodies.GREETER, "human");

    awaitMentorPanel("waiting");
    String question = text("mentor-question");
    assertTrue(question.contains("./hello.sh SMILE"), question);
    assertTrue(question.contains("14"), "the line is shown: " + question);
    Browser.screenshot(driver, "human-mentor");

    String second = open(server.base());
    awaitMentorPanel("waiting");
    driver.findElement(By.id("mentor-notes")).sendKeys("an answer from the second page");

    driver.switchTo().window(first);
    driver.findElement(By.id("mentor-notes")).sendKeys("Make the script executable first.");
    driver.findElement(By.id("mentor-fix")).sendKeys("chmod +x hello.sh");
    driver.findElement(By.cssSelector("#mentor-form button[type=submit]")).click();
    // The first answer is in before the second page tries: two tabs' requests are not ordered by
    // the order of their clicks (seen: the second page's request arrived first).
    Browser.await(
        driver,
        WAIT,
        d ->
            List.of("sent", "answered").contains(attribute("mentor-panel", "data-state"))
                ? true
                : null);

    driver.switchTo().window(second);
    driver.findElement(By.cssSelector("#mentor-form button[type=submit]")).click();
    try {
      awaitMentorPanel("answered");
    } catch (org.openqa.selenium.TimeoutException e) {
      Browser.screenshot(driver, "human-mentor-second-page");
      throw new AssertionError(
          "the second page shows "
              + attribute("mentor-panel", "data-state")
              + " / "
              + text("mentor-result")
              + "; the server says "
              + status(),
          e);
    }
    Browser.await(driver, WAIT, d -> text("mentor-result").contains("answered") ? true : null);

    driver.switchTo().window(first);
    try {
      awaitStatusText("completed");
    } catch (org.openqa.selenium.TimeoutException e) {
      Browser.screenshot(driver, "human-mentor-not-completed");
      throw new AssertionError("the loop did not complete; the server says " + status(), e);
    }
    JsonObject state = status();
    String answer = state.getJsonArray("mentorNotes").getJsonObject(0).getString("answer");
    assertTrue(answer.startsWith("Make the script executable first."), answer);
    assertTrue(answer.contains("```bash\nchmod +x hello.sh\n```"), answer);
    assertFalse(answer.contains("second page"), "only the first answer counts");
    assertTrue(
        shownCommands().contains("2|14|chmod +x hello.sh|0"),
        "the Student ran the fix before the step: " + shownCommands());
  }

  @Test
  void startAndStopFromThePage() throws Exception {
    open(server.base());
    awaitLive();
    Object unlabelled =
        ((JavascriptExecutor) driver)
            .executeScript(
                "return [...document.querySelectorAll('input, select, textarea')]"
                    + ".filter(e => e.labels.length === 0).map(e => e.id)");
    assertEquals(List.of(), unlabelled, "every control has a label");
    startFromPage("# Long\n\n## Wait\n\n```bash\nsleep 30\n```\n", "agent");
    awaitStatusText("running student");
    // Keyboard only: Enter in the reason field sends the form.
    driver.findElement(By.id("stop-reason")).sendKeys("seen enough", Keys.ENTER);
    awaitStatusText("stopped");
    Browser.await(driver, WAIT, d -> text("loop-reason").contains("seen enough") ? true : null);
    assertEquals("stopped", status().getString("status"));
    Browser.screenshot(driver, "stopped");
  }

  // ------------------------------------------------------------------ the page

  /** Opens {@code url} in a new tab (the first one in the first window) with the token link. */
  private String open(URI url) {
    if (!driver.getCurrentUrl().startsWith("http")) {
      driver.get(withToken(url));
    } else {
      driver.switchTo().newWindow(WindowType.TAB);
      driver.get(withToken(url));
    }
    return driver.getWindowHandle();
  }

  private static String withToken(URI url) {
    return url + ApiToken.find().map(t -> "#token=" + t).orElse("");
  }

  private void awaitLive() {
    Browser.await(
        driver, WAIT, d -> "live".equals(attribute("connection", "data-state")) ? true : null);
  }

  private void awaitStatusText(String status) {
    Browser.await(driver, WAIT, d -> status.equals(text("loop-status")) ? true : null);
  }

  private void awaitMentorPanel(String state) {
    Browser.await(
        driver,
        WAIT,
        d ->
            driver.findElement(By.id("mentor-panel")).isDisplayed()
                    && state.equals(attribute("mentor-panel", "data-state"))
                ? true
                : null);
  }

  private void startFromPage(String tutorial, String mentor) {
    driver.findElement(By.id("start-content")).sendKeys(tutorial);
    new Select(driver.findElement(By.id("start-provider"))).selectByValue("builtin");
    new Select(driver.findElement(By.id("start-mentor"))).selectByValue(mentor);
    new Select(driver.findElement(By.id("start-patience"))).selectByValue("low");
    driver.findElement(By.id("start-output")).sendKeys(outputDir());
    driver.findElement(By.cssSelector("#start-form button[type=submit]")).click();
    Browser.await(driver, WAIT, d -> text("start-result").startsWith("Started loop") ? true : null);
  }

  private String text(String id) {
    return driver.findElement(By.id(id)).getText();
  }

  private String attribute(String id, String name) {
    return driver.findElement(By.id(id)).getAttribute(name);
  }

  @SuppressWarnings("unchecked")
  private List<String> shownCommands() {
    return (List<String>) ((JavascriptExecutor) driver).executeScript(COMMANDS_JS);
  }

  private static List<String> commandsOf(List<String> commands, int iteration) {
    return commands.stream().filter(c -> c.startsWith(iteration + "|")).toList();
  }

  // ------------------------------------------------------------------ the server, over REST

  /** Starts a loop over REST and waits until the page shows it; answers its id. */
  private String start(String tutorial, String mentor) {
    String body =
        Json.createObjectBuilder()
            .add("tutorialContent", tutorial)
            .add(
                "config",
                Json.createObjectBuilder()
                    .add("llmProvider", "builtin")
                    .add("mentor", mentor)
                    .add("maxIterations", 3)
                    .add("stateFile", outputDir() + "/.smile/state.json")
                    .add("outputDir", outputDir())
                    .add("studentBehavior", Json.createObjectBuilder().add("timeoutSeconds", 30)))
            .build()
            .toString();
    HttpResponse<String> reply = call("POST", "api/loop", body);
    assertEquals(202, reply.statusCode(), reply.body());
    String loopId =
        Json.createReader(new StringReader(reply.body())).readObject().getString("loopId");
    Browser.await(
        driver, WAIT, d -> loopId.equals(attribute("tutorial-lines", "data-loop")) ? true : null);
    return loopId;
  }

  /** The commands the server recorded, in the page's notation: iteration|line|command|exit. */
  private List<String> expectedCommands() {
    List<String> expected = new ArrayList<>();
    for (JsonValue record : status().getJsonArray("history")) {
      JsonObject iteration = record.asJsonObject();
      for (JsonValue c : iteration.getJsonObject("studentOutput").getJsonArray("commands")) {
        JsonObject command = c.asJsonObject();
        expected.add(
            iteration.getInt("iteration")
                + "|"
                + command.getInt("line")
                + "|"
                + command.getString("command")
                + "|"
                + command.getInt("exitCode"));
      }
    }
    return expected;
  }

  private JsonObject status() {
    HttpResponse<String> reply = call("GET", "api/status", null);
    return Json.createReader(new StringReader(reply.body())).readObject();
  }

  private void stopAnyLoop() {
    call("POST", "api/stop", "{\"reason\": \"test isolation\"}");
    Browser.await(
        driver,
        WAIT,
        d -> {
          JsonObject state = status();
          String s = state.getString("status");
          return !SmileServer.isActive(s) && ("idle".equals(s) || state.containsKey("reports"))
              ? true
              : null;
        });
  }

  private HttpResponse<String> call(String method, String path, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(server.base().resolve(path)).timeout(Duration.ofSeconds(30));
    ApiToken.find().ifPresent(t -> request.header("Authorization", "Bearer " + t));
    if (body == null) {
      request.GET();
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    try {
      return server.http().send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String outputDir() {
    return System.getProperty("java.io.tmpdir") + "/smile-dashboard-it";
  }
}
