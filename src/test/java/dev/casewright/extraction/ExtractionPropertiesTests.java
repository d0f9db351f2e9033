package dev.casewright.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class ExtractionPropertiesTests {

    @Test
    void bindsItsDefaultsWhenNothingIsConfigured() {
        ExtractionProperties properties = TestExtractors.properties();

        assertThat(properties.maxBytesPerAttachment()).isEqualTo(DataSize.ofMegabytes(20));
        assertThat(properties.maxCharactersPerAttachment()).isEqualTo(100_000);
        assertThat(properties.maxCharactersPerGeneration()).isEqualTo(200_000);
        assertThat(properties.timePerFile()).isEqualTo(Duration.ofSeconds(10));
        assertThat(properties.maxEmbeddingDepth()).isEqualTo(3);
        assertThat(properties.images().maxLongestSide()).isEqualTo(1568);
        assertThat(properties.images().maxBytes()).isEqualTo(DataSize.ofBytes(3_750_000));
        assertThat(properties.parsers().threads()).isEqualTo(2);
        assertThat(properties.parsers().maxWaiting()).isEqualTo(8);
        assertThat(properties.expansion().maxCompressionRatio()).isEqualTo(100);
        assertThat(properties.temporaryDirectory()).isNull();
    }

    @Test
    void bindsRelaxedNamesAndUnits() {
        ExtractionProperties properties =
                TestExtractors.properties("max-bytes-per-attachment=5MB", "time-per-file=750ms", "parsers.threads=4");

        assertThat(properties.maxBytesPerAttachment()).isEqualTo(DataSize.ofMegabytes(5));
        assertThat(properties.timePerFile()).isEqualTo(Duration.ofMillis(750));
        assertThat(properties.parsers().threads()).isEqualTo(4);
    }

    @Test
    void givesEachGenerationAFreshBudgetOfTheConfiguredSize() {
        try (AttachmentTextExtractor extractor = TestExtractors.extractor("max-characters-per-generation=1234")) {
            ExtractionBudget first = extractor.newBudget();
            first.take(1000);

            assertThat(first.remaining()).isEqualTo(234);
            assertThat(extractor.newBudget().remaining()).isEqualTo(1234);
        }
    }
}
