package dev.casewright.extraction;

import static dev.casewright.extraction.TestExtractors.plentyOfBudget;
import static dev.casewright.extraction.TestExtractors.source;
import static org.assertj.core.api.Assertions.assertThat;

import dev.casewright.extraction.ExtractedAttachment.Outcome;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xml.sax.ContentHandler;

/** Attachment bytes touch the disk only in a private directory that is gone when extraction ends. */
class TemporaryFilesTests {

    @TempDir
    Path temporaryDirectory;

    @Test
    void spoolsIntoAnOwnerOnlyDirectoryThatIsDeletedAfterwards() throws Exception {
        AtomicReference<Path> spooled = new AtomicReference<>();
        AtomicReference<Set<PosixFilePermission>> permissions = new AtomicReference<>();
        Parser tika = AttachmentTextExtractor.tikaParser(
                TikaConfig.getDefaultConfig(), TestExtractors.properties().expansion());
        Parser watching = new Parser() {
            @Override
            public Set<MediaType> getSupportedTypes(ParseContext context) {
                return tika.getSupportedTypes(context);
            }

            @Override
            public void parse(InputStream stream, ContentHandler handler, Metadata metadata, ParseContext context)
                    throws java.io.IOException, org.xml.sax.SAXException, org.apache.tika.exception.TikaException {
                Path file = TikaInputStream.cast(stream).getPath();
                spooled.set(file);
                permissions.set(Files.getPosixFilePermissions(file.getParent()));
                tika.parse(stream, handler, metadata, context);
            }
        };
        try (AttachmentTextExtractor extractor =
                TestExtractors.extractor(watching, "temporary-directory=" + temporaryDirectory)) {

            ExtractedAttachment result = extractor.extract(source("secret.txt", "Personal data."), plentyOfBudget());

            assertThat(result.outcome()).isEqualTo(Outcome.INCLUDED);
            assertThat(spooled.get().getParent().getParent()).isEqualTo(temporaryDirectory);
            assertThat(spooled.get().getParent().getFileName().toString()).startsWith("casewright-extraction-");
            assertThat(spooled.get().getFileName().toString()).doesNotContain("secret");
            assertThat(PosixFilePermissions.toString(permissions.get())).isEqualTo("rwx------");
            try (Stream<Path> left = Files.list(temporaryDirectory)) {
                assertThat(left).isEmpty();
            }
        }
    }

    @Test
    void deletesTheDirectoryAlsoWhenTheAttachmentIsRefused() throws Exception {
        try (AttachmentTextExtractor extractor =
                TestExtractors.extractor("temporary-directory=" + temporaryDirectory, "max-bytes-per-attachment=10B")) {

            ExtractedAttachment result = extractor.extract(
                    new AttachmentSource(
                            "10008",
                            "big.txt",
                            null,
                            AttachmentSource.UNKNOWN_SIZE,
                            () -> new java.io.ByteArrayInputStream(new byte[100])),
                    plentyOfBudget());

            assertThat(result.reason()).isEqualTo(ExtractedAttachment.Reason.TOO_BIG);
            try (Stream<Path> left = Files.list(temporaryDirectory)) {
                assertThat(left).isEmpty();
            }
        }
    }
}
