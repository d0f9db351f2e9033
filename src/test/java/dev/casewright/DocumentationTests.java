package dev.casewright;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Docs that nothing checks drift: every file a document names, in code or as a link, must exist. */
class DocumentationTests {

    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Pattern CODE = Pattern.compile("`([^`\\s]+)`");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s#]+)(#[^)]*)?\\)");
    private static final Pattern FILE_NAME =
            Pattern.compile("[\\w.-]+\\.(java|json|md|sql|properties|yml|yaml|xml|mjs|js|sh|puml)");

    @Test
    void everyFileTheReadmeAndDocsNameExists() throws IOException {
        Set<String> fileNames = repositoryFileNames();
        List<String> missing = new ArrayList<>();
        for (Path document : documents()) {
            String text = Files.readString(document);
            for (String reference : references(text)) {
                if (!exists(document, reference, fileNames)) {
                    missing.add(ROOT.relativize(document) + " -> " + reference);
                }
            }
        }

        assertThat(missing).isEmpty();
    }

    @Test
    void theCheckNoticesAFileThatDoesNotExist() throws IOException {
        Path readme = ROOT.resolve("README.md");

        assertThat(exists(readme, "src/main/java/dev/casewright/Nowhere.java", repositoryFileNames()))
                .isFalse();
        assertThat(exists(readme, "NoSuchFile.java", repositoryFileNames())).isFalse();
        assertThat(exists(readme, "atlassian-connect.json", repositoryFileNames()))
                .isTrue();
    }

    private static List<Path> documents() throws IOException {
        List<Path> documents = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        for (String folder : List.of("docs", "docker")) {
            if (Files.isDirectory(ROOT.resolve(folder))) {
                try (Stream<Path> files = Files.walk(ROOT.resolve(folder))) {
                    files.filter(file -> file.toString().endsWith(".md")).forEach(documents::add);
                }
            }
        }
        return documents;
    }

    private static List<String> references(String text) {
        List<String> references = new ArrayList<>();
        Matcher code = CODE.matcher(text);
        while (code.find()) {
            references.add(code.group(1));
        }
        Matcher link = LINK.matcher(text);
        while (link.find()) {
            references.add(link.group(1));
        }
        return references.stream()
                .filter(DocumentationTests::looksLikeARepositoryFile)
                .toList();
    }

    private static boolean looksLikeARepositoryFile(String reference) {
        if (reference.startsWith("http") || reference.startsWith("/") || reference.startsWith("../shared")) {
            return false; // routes, web links and the shared folder beside the repository
        }
        if (reference.matches("(\\./)?(data|target)(/.*)?")) {
            return false; // created at run time, ignored by git
        }
        if (reference.matches("(application|text|image|multipart)/.*")) {
            return false; // media types
        }
        if (reference.matches(".*[{}*$<>=:?,&|].*")) {
            return false; // patterns, commands, placeholders
        }
        return reference.contains("/") || FILE_NAME.matcher(reference).matches();
    }

    private static boolean exists(Path document, String reference, Set<String> fileNames) {
        if (!reference.contains("/")) {
            return fileNames.contains(reference);
        }
        return Files.exists(ROOT.resolve(reference))
                || Files.exists(document.getParent().resolve(reference));
    }

    private static Set<String> repositoryFileNames() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(file -> !file.startsWith(ROOT.resolve("target")))
                    .filter(file -> !file.toString().contains("node_modules"))
                    .map(file -> file.getFileName().toString())
                    .collect(Collectors.toSet());
        }
    }
}
