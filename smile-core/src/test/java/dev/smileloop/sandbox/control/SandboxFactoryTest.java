package dev.smileloop.sandbox.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smileloop.config.entity.ContainerSettings;
import dev.smileloop.config.entity.SmileConfig;
import dev.smileloop.problem.SmileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxFactoryTest {

  @TempDir Path temp;

  private SmileConfig config(ContainerSettings container) {
    SmileConfig defaults = SmileConfig.defaults(temp);
    return new SmileConfig(
        temp,
        defaults.tutorial(),
        defaults.llmProvider(),
        defaults.maxIterations(),
        defaults.timeout(),
        defaults.containerImage(),
        defaults.studentBehavior(),
        container,
        defaults.stateFile(),
        defaults.outputDir());
  }

  private ExecutableLookup pathWith(String... tools) throws IOException {
    Path bin = Files.createDirectories(temp.resolve("bin"));
    for (String tool : tools) {
      Path file = Files.writeString(bin.resolve(tool), "#!/bin/sh\n");
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    return new ExecutableLookup(bin.toString());
  }

  @Test
  void refusesWithoutBubblewrapAndSaysHowToFixIt() throws IOException {
    ExecutableLookup noBwrap = pathWith("bash");

    SmileException refused =
        assertThrows(
            SmileException.class,
            () -> Sandbox.forConfig(config(ContainerSettings.defaults()), noBwrap));

    assertEquals(SmileException.Kind.ENVIRONMENT, refused.kind());
    String message = refused.getMessage();
    assertTrue(message.contains("'bwrap'"), message);
    assertTrue(message.contains("sudo apt-get install bubblewrap"), message);
    assertTrue(message.contains("dnf install bubblewrap"), message);
    assertTrue(message.contains("allowUnsandboxed"), message);
    assertTrue(message.contains("risk"), message);
  }

  @Test
  void runsOnTheHostOnlyWhenTheUserOptedIn() throws IOException {
    ContainerSettings optedIn = new ContainerSettings(true, false, false, true);

    Sandbox sandbox = Sandbox.forConfig(config(optedIn), pathWith("bash"));

    assertInstanceOf(HostSandbox.class, sandbox);
    assertFalse(sandbox.isolated());
  }

  @Test
  void prefersBubblewrapWhenItIsInstalledEvenIfUnsandboxedIsAllowed() throws IOException {
    ContainerSettings optedIn = new ContainerSettings(true, false, false, true);

    Sandbox sandbox = Sandbox.forConfig(config(optedIn), pathWith("bwrap", "unshare", "setpriv"));

    assertInstanceOf(BubblewrapSandbox.class, sandbox);
    assertTrue(sandbox.isolated());
  }

  @Test
  void sharedNetworkIsShownInTheDescription() throws IOException {
    ContainerSettings network = new ContainerSettings(true, false, true, false);

    Sandbox sandbox = Sandbox.forConfig(config(network), pathWith("bwrap", "unshare", "setpriv"));

    assertTrue(sandbox.description().contains("network"), sandbox.description());
  }

  @Test
  void aRootServerWithoutSetprivRefusesAndSaysWhatToInstall() throws IOException {
    org.junit.jupiter.api.Assumptions.assumeTrue(ResourceControl.runningAsRoot(), "not root");

    SmileException e =
        assertThrows(
            SmileException.class,
            () -> Sandbox.forConfig(config(ContainerSettings.defaults()), pathWith("bwrap")));

    assertTrue(e.getMessage().contains("util-linux"), e.getMessage());
  }

  @Test
  void lookupFindsOnlyExecutableFiles() throws IOException {
    ExecutableLookup lookup = pathWith("tool");
    Files.writeString(temp.resolve("bin").resolve("plain"), "not executable");

    assertTrue(lookup.has("tool"));
    assertFalse(lookup.has("plain"));
    assertFalse(lookup.has("missing"));
    assertFalse(lookup.has("bin/tool"));
  }
}
