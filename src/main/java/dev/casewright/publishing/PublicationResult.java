package dev.casewright.publishing;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;
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
        CREATED,
        UPDATED,
        UNCHANGED,
        FAILED;

        /** As the contract spells it: {@code created}, {@code updated}, {@code unchanged}, {@code failed}. */
        @JsonValue
        String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Status ofCode(String code) {
            for (Status status : values()) {
                if (status.code().equals(code)) {
                    return status;
                }
            }
            return FAILED;
        }
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
