package io.microstructure.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where Python or polars cannot be had, the Polars comparison is skipped with one clear line. */
class PythonVenvTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

  @Test
  void withoutPython3ItSaysSoAndSkips() throws Exception {
    assertThat(
            PythonVenv.POLARS.python(
                "python3-not-installed-here", dir.resolve(".venv"), dir.resolve("setup.log"), out))
        .isEmpty();
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "Skipping the Polars comparison: no python3-not-installed-here on the PATH."
                + System.lineSeparator());
    assertThat(dir.resolve(".venv")).doesNotExist();
  }

  @Test
  void whenPipCannotInstallPolarsItSaysSoAndSkips() throws Exception {
    // A venv whose python fails at everything: polars does not import and pip fails.
    Path bin = Files.createDirectories(dir.resolve(".venv/bin"));
    Path python = bin.resolve("python");
    Files.writeString(python, "#!/bin/sh\necho \"no index answered for $*\"\nexit 1\n");
    Files.setPosixFilePermissions(python, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path log = dir.resolve("logs/setup.log");

    assertThat(PythonVenv.POLARS.python(dir.resolve(".venv"), log, out)).isEmpty();

    String said = printed.toString(StandardCharsets.UTF_8);
    assertThat(said.lines())
        .containsExactly(
            "Installing polars into " + dir.resolve(".venv") + " (pip) ...",
            "Skipping the Polars comparison: pip could not install polars (no index answered for"
                + " -m pip install --retries 0 --timeout 5 polars); see "
                + log);
    assertThat(Files.readString(log))
        .contains("$ " + python + " -m pip install --retries 0 --timeout 5 polars");
  }
}
