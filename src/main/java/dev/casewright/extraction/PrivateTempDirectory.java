package dev.casewright.extraction;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A directory only this process's user can enter, with an unguessable name, made for one extraction
 * and deleted with everything in it when that extraction ends. Attachment bytes touch the disk only
 * here.
 */
final class PrivateTempDirectory implements AutoCloseable {

    private final Path path;

    private PrivateTempDirectory(Path path) {
        this.path = path;
    }

    static PrivateTempDirectory create(@Nullable Path parent) throws IOException {
        Path base = parent != null ? parent : Path.of(System.getProperty("java.io.tmpdir"));
        Files.createDirectories(base);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return new PrivateTempDirectory(Files.createTempDirectory(
                    base,
                    "casewright-extraction-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))));
        }
        // Elsewhere the JDK already creates temporary directories for the current user only.
        return new PrivateTempDirectory(Files.createTempDirectory(base, "casewright-extraction-"));
    }

    Path path() {
        return path;
    }

    Path resolve(String name) {
        return path.resolve(name);
    }

    /**
     * Deletes the directory and its contents. A parser that outlived its time limit may still hold a
     * file open; on POSIX systems the file disappears from the directory anyway, and its blocks are
     * freed when the parser lets go.
     */
    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(path)) {
            files.sorted(Comparator.reverseOrder()).forEach(PrivateTempDirectory::deleteQuietly);
        } catch (IOException e) {
            deleteQuietly(path);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Best effort: the directory is owner-only, and the next attempt to walk it will retry.
        }
    }
}
