package dev.casewright.jira;

import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** One page of the enhanced JQL search; {@code nextPageToken} is null on the last page. */
public record SearchPage(List<JsonNode> issues, @Nullable String nextPageToken) {

    public boolean isLast() {
        return nextPageToken == null;
    }
}
