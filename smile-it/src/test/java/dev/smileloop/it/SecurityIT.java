package dev.smileloop.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URL;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The server tried as an attacker would, against the real WAR: without the token nothing changes
 * and nothing is revealed, foreign browser pages are refused, request paths stay inside the served
 * folder ({@code smile-it/target} here), bodies are bounded, and secrets never leave in the state
 * or the event stream.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SecurityIT {

  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final Path SERVED = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
  private static final Path OUTSIDE = SERVED.getParent(); // smile-it/, outside target/

  @Deployment(testable = false)
  static WebArchive deployment() {
    return SmileServer.war();
  }

  @ArquillianResource URL deployed;

  private SmileServer server;

  @BeforeEach
  void quietServer() {
    server = new SmileServer(deployed);
    server.stopAnyLoop();
  }

  private SmileServer.Reply anonymousPost(String path, String body, String token) {
    HttpRequest.Builder request =
        server
            .anonymous(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return server.send(request);
  }

  @Test
  void everyProtectedEndpointAnswers401WithoutOrWithAWrongToken() {
    Map<String, String> posts =
        Map.of(
            "api/loop", Bodies.externalLoop(),
            "api/stop", "{}",
            "api/student/result", Bodies.completed(),
            "api/mentor/result", Bodies.mentor("n"));
    String lastLoop = server.status().getString("loopId", "");
    for (String token : new String[] {null, "wrong-token-0123456789abcdef"}) {
      for (var post : posts.entrySet()) {
        SmileServer.Reply reply = anonymousPost(post.getKey(), post.getValue(), token);
        assertEquals(401, reply.status(), post.getKey() + ": " + reply.body());
        assertTrue(reply.contentType().startsWith("application/problem+json"), reply.contentType());
        assertFalse(reply.error().isBlank());
      }
      for (String path : List.of("api/report", "api/report/markdown", "api/report/audit")) {
        HttpRequest.Builder get = server.anonymous(path).GET();
        if (token != null) {
          get.header("Authorization", "Bearer " + token);
        }
        SmileServer.Reply reply = server.send(get);
        assertEquals(401, reply.status(), path + ": " + reply.body());
        assertTrue(reply.json().containsKey("error"));
      }
    }
    assertEquals(lastLoop, server.status().getString("loopId", ""), "nothing was started");
  }

  @Test
  void statusWithoutTokenShowsProgressButNoOutputsOrNotes() {
    try (WsClient client = WsClient.connect(server)) {
      SmileServer.Reply started = server.post("api/loop", Bodies.externalLoop());
      assertEquals(202, started.status(), started.body());
      server.awaitStatus(s -> s.equals("waiting_for_student"), WAIT);
      server.post("api/student/result", Bodies.askMentor("What does step 2 read?"));
      server.post("api/mentor/result", Bodies.mentor("It reads greet.txt from step 1."));
      client.awaitEvent("mentor_output", WAIT);

      JsonObject full = server.status();
      assertEquals(1, full.getJsonArray("mentorNotes").size());
      JsonObject reduced = server.send(server.anonymous("api/status").GET()).json();
      assertEquals(full.getString("loopId"), reduced.getString("loopId"));
      assertEquals(full.getInt("iteration"), reduced.getInt("iteration"));
      assertFalse(reduced.containsKey("mentorNotes"), reduced.toString());
      assertFalse(reduced.containsKey("history"), reduced.toString());
      assertFalse(reduced.toString().contains("greet.txt"), reduced.toString());
    }
  }

  @Test
  void callbacksAcceptTheLoopsCallbackTokenButNotTheLastLoops() {
    SmileServer.Reply started = server.post("api/loop", Bodies.externalLoop());
    assertEquals(202, started.status(), started.body());
    String callbackToken = started.json().getString("callbackToken");
    assertEquals(
        200, anonymousPost("api/student/result", Bodies.askMentor("q"), callbackToken).status());
    assertEquals(
        200, anonymousPost("api/mentor/result", Bodies.mentor("n"), callbackToken).status());
    assertEquals(401, anonymousPost("api/stop", "{}", callbackToken).status(), "owner only");
    server.stopAnyLoop();
    server.post("api/loop", Bodies.externalLoop());
    assertEquals(
        401, anonymousPost("api/student/result", Bodies.completed(), callbackToken).status());
  }

  @Test
  void aTextPlainPostIsRefusedWith415AndStartsNothing() {
    String lastLoop = server.status().getString("loopId", "");
    SmileServer.Reply reply =
        server.send(
            server
                .authorized("api/loop")
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(Bodies.externalLoop())));
    assertEquals(415, reply.status(), reply.body());
    assertTrue(reply.error().contains("application/json"), reply.body());
    assertEquals(lastLoop, server.status().getString("loopId", ""), "nothing was started");
  }

  @Test
  void unknownPathsAndMethodsAnswerJsonNotHtml() {
    SmileServer.Reply missing = server.get("api/nothing-here");
    assertEquals(404, missing.status());
    assertTrue(missing.json().containsKey("error"), missing.body());
    SmileServer.Reply outsideTheApi = server.get("no-such-page");
    assertEquals(404, outsideTheApi.status());
    assertTrue(outsideTheApi.json().containsKey("error"), outsideTheApi.body());
    SmileServer.Reply wrongMethod = server.send(server.authorized("api/loop").GET());
    assertEquals(405, wrongMethod.status());
    assertTrue(wrongMethod.json().containsKey("error"), wrongMethod.body());
  }

  @Test
  void aForeignOriginCannotOpenTheStreamButTheServersOwnCan() throws Exception {
    int port = server.base().getPort();
    String token = "Authorization: Bearer " + SmileServer.TOKEN + "\r\n";
    RawWsClient.Refused foreign =
        assertThrows(
            RawWsClient.Refused.class,
            () -> new RawWsClient(port, false, token + "Origin: http://evil.example\r\n"));
    assertTrue(foreign.statusLine.contains(" 403"), foreign.statusLine);
    try (RawWsClient own =
        new RawWsClient(port, false, token + "Origin: http://127.0.0.1:" + port + "\r\n")) {
      assertTrue(own.closeCode().getNow(0) == 0, "the server's own origin is let in");
    }
  }

  @Test
  void theStreamNeedsTheTokenAsHeaderOrAsSubprotocol() throws Exception {
    int port = server.base().getPort();
    RawWsClient.Refused none =
        assertThrows(RawWsClient.Refused.class, () -> new RawWsClient(port, false, ""));
    assertTrue(none.statusLine.contains(" 401"), none.statusLine);
    RawWsClient.Refused wrong =
        assertThrows(
            RawWsClient.Refused.class,
            () ->
                new RawWsClient(
                    port,
                    false,
                    "Sec-WebSocket-Protocol: smile.v1, smile.bearer.wrongwrongwrong1\r\n"));
    assertTrue(wrong.statusLine.contains(" 401"), wrong.statusLine);
    try (WsClient browserLike =
        WsClient.connectWithSubprotocols(server, "smile.v1", "smile.bearer." + SmileServer.TOKEN)) {
      assertEquals("connected", browserLike.awaitEvent("connected", WAIT).getString("event"));
      assertEquals("smile.v1", browserLike.subprotocol());
    }
  }

  @Test
  void eachRequestPathMustStayInsideTheServedFolderAndTheRefusalRevealsNothing()
      throws IOException {
    Path existing = OUTSIDE.resolve("pom.xml");
    Path missing = OUTSIDE.resolve("no-such-folder/x.md");
    byte[] pomBefore = Files.readAllBytes(existing);
    Path link = SERVED.resolve("link-to-outside");
    Files.deleteIfExists(link);
    Files.createSymbolicLink(link, OUTSIDE);
    String lastLoop = server.status().getString("loopId", "");
    for (String field : List.of("tutorialPath", "configPath", "stateFile", "outputDir")) {
      String first = null;
      for (Path target : List.of(existing, missing, link.resolve("pom.xml"))) {
        SmileServer.Reply reply = server.post("api/loop", startNaming(field, target));
        assertEquals(400, reply.status(), field + " " + target + ": " + reply.body());
        assertTrue(reply.error().contains(field), reply.body());
        assertFalse(reply.error().contains(OUTSIDE.toString()), reply.body());
        assertFalse(reply.error().contains("<project"), reply.body());
        if (first == null) {
          first = reply.error();
        }
        assertEquals(first, reply.error(), "the same answer whether the target exists or not");
      }
    }
    assertEquals(lastLoop, server.status().getString("loopId", ""), "nothing was started");
    assertTrue(java.util.Arrays.equals(pomBefore, Files.readAllBytes(existing)), "untouched");
    assertFalse(Files.exists(OUTSIDE.resolve("no-such-folder")), "no folder created outside");
  }

  private static String startNaming(String field, Path target) {
    var body = Json.createObjectBuilder();
    var config =
        Json.createObjectBuilder()
            .add("llmProvider", "external")
            .add("stateFile", SERVED.resolve("smile-it-state/state.json").toString())
            .add("outputDir", SERVED.resolve("smile-it-reports").toString());
    switch (field) {
      case "tutorialPath", "configPath" -> body.add(field, target.toString());
      default -> config.add(field, target.toString());
    }
    if (!field.equals("tutorialPath")) {
      body.add("tutorialContent", Bodies.TUTORIAL);
    }
    return body.add("config", config).build().toString();
  }

  @Test
  void aStateFileThatIsNotSmilesIsNeitherOverwrittenNorResumed() throws IOException {
    Path notState = SERVED.resolve("precious.json");
    Files.writeString(notState, "{\"mine\": true}");
    SmileServer.Reply start =
        server.post(
            "api/loop",
            Bodies.externalLoop(
                Json.createObjectBuilder().add("stateFile", notState.toString()).build()));
    assertEquals(400, start.status(), start.body());
    assertTrue(start.error().contains("not a SMILE state file"), start.body());
    String resume =
        Json.createObjectBuilder()
            .add("resume", true)
            .add("config", Json.createObjectBuilder().add("stateFile", notState.toString()))
            .build()
            .toString();
    SmileServer.Reply resumed = server.post("api/loop", resume);
    assertEquals(400, resumed.status(), resumed.body());
    assertEquals("{\"mine\": true}", Files.readString(notState));
  }

  @Test
  void aOneMegabyteBodyIs413AndDeepJsonIs400() {
    String huge = "{\"tutorialContent\": \"" + "x".repeat(1024 * 1024) + "\"}";
    SmileServer.Reply tooLarge = server.post("api/loop", huge);
    assertEquals(413, tooLarge.status(), tooLarge::body);
    assertTrue(tooLarge.json().containsKey("error"));

    String deep = "[".repeat(2000) + "]".repeat(2000);
    for (String path : List.of("api/loop", "api/student/result", "api/stop")) {
      SmileServer.Reply reply = server.post(path, deep);
      assertEquals(400, reply.status(), path + ": " + reply.body());
      assertTrue(reply.error().contains("deeper"), reply.body());
      assertTrue(reply.body().length() < 500, "no stack trace: " + reply.body());
    }
    assertEquals(200, server.get("api/status").status());
  }

  @Test
  void aSecretTheTutorialPrintsIsMaskedInTheStateAndTheStream() {
    Sandbox.assumeAvailable();
    String secret = "ghp_" + "Zq8Xw7Vu6Ts5Rq4Po3Nm2Lk1Ji0HgFeDcBa";
    String tutorial =
        "# Secret\n\n## Step 1: Use the key\n\n```bash\nexport GITHUB_TOKEN="
            + secret
            + "\necho \"token is $GITHUB_TOKEN\"\nfalse\n```\n";
    try (WsClient client = WsClient.connect(server)) {
      client.awaitEvent("connected", WAIT);
      String body =
          Json.createObjectBuilder()
              .add("tutorialContent", tutorial)
              .add(
                  "config",
                  Json.createObjectBuilder()
                      .add("llmProvider", "builtin")
                      .add("maxIterations", 1)
                      .add("stateFile", SERVED.resolve("smile-it-state/state.json").toString())
                      .add("outputDir", SERVED.resolve("smile-it-reports").toString()))
              .build()
              .toString();
      assertEquals(202, server.post("api/loop", body).status());
      client.awaitEvent("loop_complete", Duration.ofSeconds(60));
      String frames = client.events().toString();
      assertTrue(frames.contains("student_progress"), frames);
      assertFalse(frames.contains(secret), "a /ws frame carried the secret: " + frames);
      assertTrue(frames.contains("[REDACTED]"), frames);
      String state = server.get("api/status").body();
      assertFalse(state.contains(secret), state);
      try (WsClient late = WsClient.connect(server)) {
        String connected = late.awaitEvent("connected", WAIT).toString();
        assertFalse(connected.contains(secret), connected);
      }
    }
  }
}
