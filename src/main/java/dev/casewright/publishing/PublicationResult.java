package dev.casewright.publishing;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What happened to each scenario of a publication, in request order. A failed scenario carries a
 * message safe to show; sending the same request again resumes.
 *
 * @param warnings what went wrong besides the scenarios (e.g. the feature file could not be
 *     attached to the story); empty when nothing did
 */
record PublicationResult(List<ScenarioResult> results, List<String> warnings) {

    enum Status {
        created,
        updated,
        unchanged,
        failed
    }

    record ScenarioResult(
            String id,
            String title,
            Status status,
            @Nullable String key,
            @Nullable String url,
            @Nullable String error) {}

    long count(Status status) {
        return results.stream().filter(result -> result.status() == status).count();
    }
}
