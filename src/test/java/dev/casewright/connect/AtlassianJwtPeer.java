package dev.casewright.connect;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs {@code src/test/node/jwt-peer.mjs}, Atlassian's {@code atlassian-jwt} 2.0.3 behind a small
 * JSON protocol, so tests can compare our QSH and HS256 code with the reference implementation.
 *
 * <p>The npm project is copied to {@code target/atlassian-jwt-peer} and installed there with
 * {@code npm ci}, so the source tree never holds a {@code node_modules}. Without Node.js or npm on
 * the PATH the calling tests are aborted ({@link #assumeAvailable}), which Surefire reports as
 * skipped.
 */
final class AtlassianJwtPeer {

    private static final List<String> PROJECT_FILES = List.of("package.json", "package-lock.json", "jwt-peer.mjs");
    private static final long INSTALL_TIMEOUT_SECONDS = 300;
    private static final long RUN_TIMEOUT_SECONDS = 60;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path node;
    private final Path workDir;

    private AtlassianJwtPeer(Path node, Path workDir) {
        this.node = node;
        this.workDir = workDir;
    }

    record SignRequest(
            String method,
            String url,
            String secret,
            String iss,
            @Nullable String sub,
            long iat,
            long exp,
            String baseUrl,
            boolean contextQsh) {}

    record SignedToken(String token, String canonical, String qsh) {}

    record VerifyRequest(String method, String url, String token, String secret, String baseUrl) {}

    record Verification(
            boolean ok, @Nullable String error, @Nullable Map<String, Object> claims, String canonical, String qsh) {}

    record QshRequest(String method, String url, String baseUrl) {}

    record Qsh(String canonical, String qsh) {}

    /** What one peer process answered, in the order of the requests. */
    record Exchange(List<SignedToken> signed, List<Verification> verified, List<Qsh> hashed) {}

    private record SignCommand(String op, List<SignRequest> requests) {}

    private record VerifyCommand(String op, List<VerifyRequest> tokens) {}

    private record QshCommand(String op, List<QshRequest> requests) {}

    private record SignReply(List<SignedToken> tokens) {}

    private record VerifyReply(List<Verification> results) {}

    private record QshReply(List<Qsh> results) {}

    /** Why the peer cannot run on this machine, or empty when Node.js and npm are on the PATH. */
    static Optional<String> unavailableBecause() {
        if (onPath("node", "node.exe").isEmpty()) {
            return Optional.of("Node.js not found: the atlassian-jwt cross-check did not run. "
                    + "Install Node.js 18+ and npm to run it.");
        }
        if (onPath("npm", "npm.cmd").isEmpty()) {
            return Optional.of("npm not found: the atlassian-jwt cross-check did not run. "
                    + "Install npm alongside Node.js to run it.");
        }
        return Optional.empty();
    }

    /**
     * Aborts the calling test when the peer cannot run. Call it per test ({@code @BeforeEach}):
     * an abort in {@code @BeforeAll} makes Surefire count no test at all, hiding the skip.
     */
    static void assumeAvailable() {
        unavailableBecause().ifPresent(Assumptions::abort);
    }

    /** Finds Node.js and npm and installs the peer's locked dependencies if they are missing. */
    static synchronized AtlassianJwtPeer start() {
        assumeAvailable();
        Path node = onPath("node", "node.exe").orElseThrow();
        Path npm = onPath("npm", "npm.cmd").orElseThrow();
        Path source = projectDir().resolve("src/test/node");
        Path workDir = projectDir().resolve("target/atlassian-jwt-peer");
        try {
            Files.createDirectories(workDir);
            boolean lockChanged =
                    !sameContent(source.resolve("package-lock.json"), workDir.resolve("package-lock.json"));
            for (String file : PROJECT_FILES) {
                Files.copy(source.resolve(file), workDir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
            if (lockChanged || !Files.isDirectory(workDir.resolve("node_modules/atlassian-jwt"))) {
                Process install = exec(workDir, "npm-ci", npm.toString(), "ci", "--no-audit", "--no-fund");
                install.getOutputStream().close();
                awaitSuccess(install, INSTALL_TIMEOUT_SECONDS, workDir, "npm-ci");
            }
        } catch (IOException e) {
            fail("could not prepare the atlassian-jwt peer in " + workDir, e);
        }
        return new AtlassianJwtPeer(node, workDir);
    }

    /** Runs the three commands in one Node.js process. */
    Exchange exchange(List<SignRequest> sign, List<VerifyRequest> verify, List<QshRequest> qsh) {
        List<Object> commands =
                List.of(new SignCommand("sign", sign), new VerifyCommand("verify", verify), new QshCommand("qsh", qsh));
        try {
            Process peer = exec(workDir, "jwt-peer", node.toString(), "jwt-peer.mjs");
            try (var stdin = peer.getOutputStream()) {
                stdin.write(JSON.writeValueAsBytes(commands));
            }
            awaitSuccess(peer, RUN_TIMEOUT_SECONDS, workDir, "jwt-peer");
            byte[] stdout = Files.readAllBytes(workDir.resolve("jwt-peer.out"));
            var replies = JSON.readTree(stdout);
            return new Exchange(
                    JSON.treeToValue(replies.get(0), SignReply.class).tokens(),
                    JSON.treeToValue(replies.get(1), VerifyReply.class).results(),
                    JSON.treeToValue(replies.get(2), QshReply.class).results());
        } catch (IOException e) {
            return fail("could not talk to the atlassian-jwt peer", e);
        }
    }

    private static Process exec(Path workDir, String logName, String... command) throws IOException {
        return new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectOutput(workDir.resolve(logName + ".out").toFile())
                .redirectError(workDir.resolve(logName + ".err").toFile())
                .start();
    }

    private static void awaitSuccess(Process process, long timeoutSeconds, Path workDir, String logName)
            throws IOException {
        boolean finished;
        try {
            finished = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + logName, e);
        }
        String stderr = Files.readString(workDir.resolve(logName + ".err"), StandardCharsets.UTF_8);
        if (!finished) {
            process.destroyForcibly();
            fail(logName + " did not finish within " + timeoutSeconds + " s; stderr:\n" + stderr);
        }
        if (process.exitValue() != 0) {
            fail(logName + " exited with " + process.exitValue() + "; stderr:\n" + stderr);
        }
    }

    private static Optional<Path> onPath(String... names) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Arrays.stream(path.split(File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .flatMap(dir -> Arrays.stream(names).map(name -> Path.of(dir, name)))
                .filter(candidate -> Files.isRegularFile(candidate) && Files.isExecutable(candidate))
                .findFirst();
    }

    private static Path projectDir() {
        // Surefire sets basedir; an IDE usually runs tests from the project directory.
        String basedir = System.getProperty("basedir");
        return Path.of(basedir != null ? basedir : System.getProperty("user.dir"));
    }

    private static boolean sameContent(Path a, Path b) throws IOException {
        return Files.exists(b) && Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(b));
    }
}
