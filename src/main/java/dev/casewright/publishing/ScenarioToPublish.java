package dev.casewright.publishing;

import java.util.List;

/**
 * One scenario the user kept, validated again by the Gherkin parser before any target sees it.
 *
 * @param id the scenario's id in the suite ({@code S1}); with the story it identifies the scenario
 *     across re-publications, so an edited scenario updates its test
 * @param title the scenario's name; targets shorten it where they must (Jira summary ≤ 255)
 * @param featureName the feature the scenario belongs to
 * @param language the Gherkin language code ({@code en}, {@code de}, …)
 * @param tags the scenario's tags, each starting with {@code @}
 * @param scenario the scenario's Gherkin text, from its tags or keyword line, without a Feature line
 * @param feature a whole valid {@code .feature} text holding only this scenario: the
 *     {@code # language:} header when not English, the Feature line and the scenario
 * @param fingerprint the normalized fingerprint from the {@code gherkin} module: equal
 *     fingerprints mean nothing a tester would notice changed
 */
public record ScenarioToPublish(
        String id,
        String title,
        String featureName,
        String language,
        List<String> tags,
        String scenario,
        String feature,
        String fingerprint) {

    public ScenarioToPublish {
        tags = List.copyOf(tags);
    }
}
