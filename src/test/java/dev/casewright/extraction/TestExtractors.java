package dev.casewright.extraction;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.tika.parser.Parser;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Extractors and sources for tests, configured the way Spring binds {@code casewright.extraction.*}. */
final class TestExtractors {

    private TestExtractors() {}

    /** Properties as bound from the given {@code key=value} pairs (relative to casewright.extraction). */
    static ExtractionProperties properties(String... settings) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String setting : settings) {
            int equals = setting.indexOf('=');
            map.put("casewright.extraction." + setting.substring(0, equals), setting.substring(equals + 1));
        }
        return new Binder(new MapConfigurationPropertySource(map))
                .bindOrCreate("casewright.extraction", ExtractionProperties.class);
    }

    static AttachmentTextExtractor extractor(String... settings) {
        return new AttachmentTextExtractor(properties(settings));
    }

    static AttachmentTextExtractor extractor(Parser parser, String... settings) {
        return new AttachmentTextExtractor(properties(settings), parser);
    }

    static AttachmentSource source(String fileName, byte[] bytes) {
        return source(fileName, null, bytes);
    }

    static AttachmentSource source(String fileName, @Nullable String declaredMimeType, byte[] bytes) {
        return new AttachmentSource(
                "10001", fileName, declaredMimeType, bytes.length, () -> new ByteArrayInputStream(bytes));
    }

    static AttachmentSource source(String fileName, String text) {
        return source(fileName, text.getBytes(StandardCharsets.UTF_8));
    }

    static AttachmentSource source(String fileName, Path file) throws java.io.IOException {
        return new AttachmentSource("10002", fileName, null, Files.size(file), () -> Files.newInputStream(file));
    }

    static ExtractionBudget plentyOfBudget() {
        return ExtractionBudget.of(10_000_000);
    }
}
