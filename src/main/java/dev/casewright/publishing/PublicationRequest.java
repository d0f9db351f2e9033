package dev.casewright.publishing;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /api/issues/{issueKey}/publications}: the scenarios the user kept,
 * possibly edited, and where they go.
 *
 * @param target {@code jira}, {@code xray} or {@code zephyr}
 * @param language the Gherkin language code; {@code en} when absent
 * @param options optional choices; all absent means "one test per scenario"
 */
record PublicationRequest(
        @Nullable String target,
        @Nullable String featureName,
        @Nullable String language,
        @Nullable List<KeptScenario> scenarios,
        @Nullable Options options) {

    record KeptScenario(
            @Nullable String id,
            @Nullable String title,
            @Nullable String gherkin) {}

    /**
     * @param attachFeature also attach the whole {@code .feature} file to the story
     * @param mode {@code issues} (one test per scenario, the default) or {@code comment} (the
     *     feature as one comment on the story, no test issues; Jira only)
     */
    record Options(
            @Nullable Boolean attachFeature, @Nullable String mode) {

        boolean attachesFeature() {
            return Boolean.TRUE.equals(attachFeature);
        }

        boolean asComment() {
            return "comment".equals(mode);
        }
    }

    Options optionsOrDefault() {
        return options == null ? new Options(false, "issues") : options;
    }
}
