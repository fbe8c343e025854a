package dev.smileloop.learner.mentor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smileloop.agent.entity.CommandRecord;
import dev.smileloop.agent.entity.EnvironmentFinding;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EnvironmentCausesTest {

  private static CommandRecord failed(String command, int exit, String output) {
    return new CommandRecord(command, 12, "Install", exit, output, 40, false, false);
  }

  private static Optional<EnvironmentFinding> classify(CommandRecord record, Set<String> declared) {
    return EnvironmentCauses.classify(record, "Install", declared);
  }

  @Test
  void aDownloadWithoutNameResolutionIsTheNetwork() {
    String pip =
        "WARNING: Retrying (Retry(total=4, connect=None, read=None, redirect=None, status=None)) after"
            + " connection broken by 'NewConnectionError('<pip._vendor.urllib3.connection.HTTPSConnection"
            + " object at 0x7f2>: Failed to establish a new connection: [Errno -3] Temporary failure in"
            + " name resolution')': /simple/requests/\n"
            + "ERROR: Could not find a version that satisfies the requirement requests (from versions: none)\n"
            + "ERROR: No matching distribution found for requests";
    String npm =
        "npm error code EAI_AGAIN\nnpm error syscall getaddrinfo\nnpm error errno EAI_AGAIN\n"
            + "npm error request to https://registry.npmjs.org/express failed, reason: getaddrinfo"
            + " EAI_AGAIN registry.npmjs.org";
    String git =
        "Cloning into 'y'...\nfatal: unable to access 'https://github.com/x/y/': Could not resolve host: github.com";
    String curl = "curl: (6) Could not resolve host: example.com";
    String unreachable = "wget: unable to connect: Network is unreachable";

    for (String output : new String[] {pip, npm, git, curl, unreachable}) {
      EnvironmentFinding finding = classify(failed("fetch", 1, output), Set.of()).orElseThrow();
      assertEquals(EnvironmentFinding.NETWORK, finding.kind(), output);
    }
    EnvironmentFinding pipFinding =
        classify(failed("pip install requests", 1, pip), Set.of()).orElseThrow();
    assertTrue(pipFinding.evidence().contains("Temporary failure in name resolution"));
    assertEquals(12, pipFinding.line());
    assertEquals("Install", pipFinding.step());
    assertEquals("pip install requests", pipFinding.command());
    assertTrue(pipFinding.advice().contains("\"network\": true"), pipFinding.advice());
  }

  @Test
  void aPackageNameNoIndexKnowsIsNotTheNetwork() {
    String output =
        "ERROR: Could not find a version that satisfies the requirement reqeusts (from versions: none)\n"
            + "ERROR: No matching distribution found for reqeusts";

    assertTrue(classify(failed("pip install reqeusts", 1, output), Set.of()).isEmpty());
  }

  @Test
  void noDockerEngineIsTheContainerDaemon() {
    EnvironmentFinding finding =
        classify(
                failed(
                    "docker run hello-world",
                    125,
                    "docker: Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the"
                        + " docker daemon running?.\nSee 'docker run --help'."),
                Set.of())
            .orElseThrow();

    assertEquals(EnvironmentFinding.CONTAINER_DAEMON, finding.kind());
    assertTrue(finding.evidence().startsWith("docker: Cannot connect to the Docker daemon"));
  }

  @Test
  void writingASystemFolderIsAReadOnlySystemLocation() {
    String npmLink =
        "npm error code EACCES\nnpm error syscall symlink\nnpm error path ../lib/node_modules/greet\n"
            + "npm error Error: EACCES: permission denied, symlink '../lib/node_modules/greet/cli.js'"
            + " -> '/usr/local/bin/greet'\n"
            + "npm error Error: EACCES: permission denied, mkdir '/usr/local/lib/node_modules/greet'";
    String touch = "touch: cannot touch '/usr/local/bin/x': Read-only file system";

    assertEquals(
        EnvironmentFinding.READ_ONLY_SYSTEM,
        classify(failed("npm link", 243, npmLink), Set.of()).orElseThrow().kind());
    assertEquals(
        EnvironmentFinding.READ_ONLY_SYSTEM,
        classify(failed("touch /usr/local/bin/x", 1, touch), Set.of()).orElseThrow().kind());
  }

  @Test
  void aCommandThatHitASandboxLimitIsASandboxLimitWhateverItPrinted() {
    CommandRecord killed =
        new CommandRecord(
            "make -j8",
            20,
            "Build",
            137,
            "Killed",
            9000,
            false,
            false,
            "killed: memory limit 2 GiB");

    EnvironmentFinding finding = classify(killed, Set.of()).orElseThrow();

    assertEquals(EnvironmentFinding.SANDBOX_LIMIT, finding.kind());
    assertEquals("killed: memory limit 2 GiB", finding.evidence());
  }

  @Test
  void aMissingToolTheTutorialDeclaresIsThisMachinesLack() {
    CommandRecord record = failed("jq .name package.json", 127, "bash: jq: command not found");

    EnvironmentFinding finding = classify(record, Set.of("JQ", "curl")).orElseThrow();

    assertEquals(EnvironmentFinding.DECLARED_PREREQUISITE, finding.kind());
    assertTrue(finding.advice().contains("sudo apt-get install jq"), finding.advice());
  }

  @Test
  void aMissingToolTheTutorialNeverMentionsStaysAGap() {
    CommandRecord record = failed("jq .name package.json", 127, "bash: jq: command not found");

    assertTrue(classify(record, Set.of("curl")).isEmpty());
    assertTrue(classify(record, Set.of()).isEmpty());
  }

  @Test
  void ordinaryFailuresAndSuccessesAreNoEnvironmentFindings() {
    assertTrue(
        classify(failed("cat notes.txt", 1, "cat: notes.txt: No such file or directory"), Set.of())
            .isEmpty());
    assertTrue(
        classify(
                new CommandRecord(
                    "curl -s example.com", 3, "S", 0, "Could not resolve host", 1, false, false),
                Set.of())
            .isEmpty());
    assertTrue(EnvironmentCauses.classify(null, "S", Set.of()).isEmpty());
  }
}
