package dev.casewright.connect;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's Chromium, headless, loading one page: the DOM after the load and what the browser
 * logged (console messages, Content-Security-Policy violations among them). CI installs it
 * ({@code .ci/run}); without it the calling tests are aborted, which Surefire reports as skipped
 * and {@code .ci/run} treats as a failure.
 */
final class HeadlessChromium {

    private static final List<Path> CANDIDATES =
            List.of(Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromium-browser"));

    /** A loaded page: its serialized DOM and the browser's log. */
    record Page(String dom, String log) {}

    private HeadlessChromium() {}

    static Path assumeAvailable() {
        var found = CANDIDATES.stream().filter(Files::isExecutable).findFirst();
        Assumptions.assumeTrue(found.isPresent(), "Chromium is not installed (apt-get install chromium)");
        return found.get();
    }

    static Page load(URI page) throws IOException, InterruptedException {
        Path chromium = assumeAvailable();
        Path profile = Files.createTempDirectory("casewright-chromium-");
        Path dom = profile.resolve("dom.html");
        Path log = profile.resolve("browser.log");
        try {
            Process process = new ProcessBuilder(
                            chromium.toString(),
                            "--headless",
                            "--no-sandbox",
                            "--disable-gpu",
                            "--no-first-run",
                            "--enable-logging=stderr",
                            "--v=0",
                            "--user-data-dir=" + profile.resolve("profile"),
                            "--dump-dom",
                            page.toString())
                    .redirectOutput(dom.toFile())
                    .redirectError(log.toFile())
                    .start();
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("Chromium did not finish loading " + page.getPath());
            }
            return new Page(
                    Files.readString(dom, StandardCharsets.UTF_8), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
    }
}
