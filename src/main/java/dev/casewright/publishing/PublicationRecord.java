package dev.casewright.publishing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What was published for one story, kept in the story's issue entity property
 * {@value #PROPERTY_KEY} (in Jira, never in our database): per target and scenario id the
 * fingerprint, a short hash of the title the test was given, the test's key, URL, target id and
 * how often it was written; the results of the last few {@code Idempotency-Key}s (hashed; ids,
 * keys, URLs and statuses only); and which whole-feature comments and attachments were posted.
 * Ids, hashes, keys and URLs only: no Gherkin, no titles — any user who can browse the issue can
 * read entity properties.
 *
 * <pre>{"version":1,
 *  "targets":{"jira":{"S1":{"fingerprint":"9f…","titleHash":"c41d…","key":"SHOP-42",
 *                           "url":"https://…/browse/SHOP-42","version":2}}},
 *  "idempotency":[{"key":"3a…","request":"77…","results":[{"id":"S1","status":"created","key":"SHOP-42","url":"…"}]}],
 *  "comments":{"c0…":"10010"}, "attachments":{"a1…":"10020"}}</pre>
 */
final class PublicationRecord {

    static final String PROPERTY_KEY = "casewright.publications";
    /** Jira allows 32,768 characters per property; the rest is headroom for one more entry. */
    static final int MAX_CHARACTERS = 32_000;

    /** Room one more scenario's entry may take (a long URL included), checked before a create. */
    static final int ENTRY_ALLOWANCE = 600;

    private static final int KEPT_IDEMPOTENCY_KEYS = 5;
    private static final int KEPT_FEATURES = 10;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /**
     * One published scenario. {@code pending} marks a create whose answer never came: the test may
     * exist, so the next publication looks for it before creating one. {@code titleHash} is the
     * short hash of the title the test was last given (see {@code Publisher#titleHash}); null in
     * entries written before titles were compared, which then compare by fingerprint only until
     * their next write.
     */
    record Entry(
            String fingerprint,
            @Nullable String titleHash,
            @Nullable String key,
            @Nullable String url,
            @Nullable String targetId,
            int version,
            boolean pending) {

        static Entry published(String fingerprint, String titleHash, PublishedTest test, int version) {
            return new Entry(fingerprint, titleHash, test.key(), test.url(), test.targetId(), version, false);
        }

        static Entry pending(String fingerprint) {
            return new Entry(fingerprint, null, null, null, null, 0, true);
        }

        @Nullable
        PublishedTest test() {
            return key == null || url == null ? null : new PublishedTest(key, url, targetId);
        }
    }

    record Remembered(
            String id,
            String status,
            @Nullable String key,
            @Nullable String url) {}

    record Replay(String key, String request, List<Remembered> results) {}

    private final Map<String, Map<String, Entry>> targets = new LinkedHashMap<>();
    private final List<Replay> replays = new ArrayList<>();
    private final Map<String, String> comments = new LinkedHashMap<>();
    private final Map<String, String> attachments = new LinkedHashMap<>();

    static PublicationRecord from(Optional<JsonNode> stored) {
        PublicationRecord record = new PublicationRecord();
        stored.ifPresent(json -> record.read(json));
        return record;
    }

    private void read(JsonNode json) {
        json.path("targets").properties().forEach(target -> {
            Map<String, Entry> entries = new LinkedHashMap<>();
            target.getValue().properties().forEach(scenario -> {
                JsonNode entry = scenario.getValue();
                String fingerprint = entry.path("fingerprint").asString("");
                if (!fingerprint.isEmpty()) {
                    entries.put(
                            scenario.getKey(),
                            new Entry(
                                    fingerprint,
                                    text(entry, "titleHash"),
                                    text(entry, "key"),
                                    text(entry, "url"),
                                    text(entry, "targetId"),
                                    entry.path("version").asInt(1),
                                    entry.path("pending").asBoolean(false)));
                }
            });
            targets.put(target.getKey(), entries);
        });
        json.path("idempotency").forEach(replay -> {
            List<Remembered> results = new ArrayList<>();
            replay.path("results")
                    .forEach(result -> results.add(new Remembered(
                            result.path("id").asString(""),
                            result.path("status").asString("failed"),
                            text(result, "key"),
                            text(result, "url"))));
            replays.add(new Replay(
                    replay.path("key").asString(""), replay.path("request").asString(""), results));
        });
        json.path("comments")
                .properties()
                .forEach(e -> comments.put(e.getKey(), e.getValue().asString("")));
        json.path("attachments")
                .properties()
                .forEach(e -> attachments.put(e.getKey(), e.getValue().asString("")));
    }

    Optional<Entry> entry(String target, String scenarioId) {
        return Optional.ofNullable(targets.getOrDefault(target, Map.of()).get(scenarioId));
    }

    /** Keys of the tests recorded for a target, so a search result already claimed is not claimed twice. */
    List<String> keys(String target) {
        return targets.getOrDefault(target, Map.of()).values().stream()
                .map(Entry::key)
                .filter(key -> key != null)
                .map(key -> (String) key)
                .toList();
    }

    void put(String target, String scenarioId, Entry entry) {
        targets.computeIfAbsent(target, name -> new LinkedHashMap<>()).put(scenarioId, entry);
    }

    Optional<Replay> replay(String keyHash) {
        return replays.stream().filter(replay -> replay.key().equals(keyHash)).findFirst();
    }

    void remember(Replay replay) {
        replays.removeIf(known -> known.key().equals(replay.key()));
        replays.add(replay);
        while (replays.size() > KEPT_IDEMPOTENCY_KEYS) {
            replays.remove(0);
        }
    }

    Optional<String> comment(String featureHash) {
        return Optional.ofNullable(comments.get(featureHash));
    }

    void comment(String featureHash, String commentId) {
        putBounded(comments, featureHash, commentId);
    }

    boolean attached(String featureHash) {
        return attachments.containsKey(featureHash);
    }

    void attachment(String featureHash, String attachmentId) {
        putBounded(attachments, featureHash, attachmentId);
    }

    private static void putBounded(Map<String, String> map, String key, String value) {
        map.remove(key);
        map.put(key, value);
        while (map.size() > KEPT_FEATURES) {
            map.remove(map.keySet().iterator().next());
        }
    }

    /** Whether one more scenario can be recorded without the property outgrowing Jira's limit. */
    boolean hasRoomForOneMore(JsonMapper json) {
        return length(json) + ENTRY_ALLOWANCE <= MAX_CHARACTERS;
    }

    int length(JsonMapper json) {
        return json.writeValueAsString(toJson()).length();
    }

    /**
     * The property's value, shrunk to fit: the oldest idempotency results go first, then the
     * oldest feature comments and attachments; the scenario entries are never dropped.
     *
     * @throws IllegalStateException when the scenario entries alone do not fit
     */
    ObjectNode toJsonWithin(JsonMapper json) {
        while (length(json) > MAX_CHARACTERS) {
            if (!replays.isEmpty()) {
                replays.remove(0);
            } else if (!comments.isEmpty()) {
                comments.remove(comments.keySet().iterator().next());
            } else if (!attachments.isEmpty()) {
                attachments.remove(attachments.keySet().iterator().next());
            } else {
                throw new IllegalStateException("the publication record outgrew the issue property limit");
            }
        }
        return toJson();
    }

    ObjectNode toJson() {
        ObjectNode root = NODES.objectNode();
        root.put("version", 1);
        ObjectNode targetsNode = root.putObject("targets");
        targets.forEach((target, entries) -> {
            ObjectNode targetNode = targetsNode.putObject(target);
            entries.forEach((id, entry) -> {
                ObjectNode node = targetNode.putObject(id);
                node.put("fingerprint", entry.fingerprint());
                putIfPresent(node, "titleHash", entry.titleHash());
                putIfPresent(node, "key", entry.key());
                putIfPresent(node, "url", entry.url());
                putIfPresent(node, "targetId", entry.targetId());
                node.put("version", entry.version());
                if (entry.pending()) {
                    node.put("pending", true);
                }
            });
        });
        if (!replays.isEmpty()) {
            var replaysNode = root.putArray("idempotency");
            for (Replay replay : replays) {
                ObjectNode node = replaysNode.addObject();
                node.put("key", replay.key());
                node.put("request", replay.request());
                var results = node.putArray("results");
                for (Remembered result : replay.results()) {
                    ObjectNode resultNode = results.addObject();
                    resultNode.put("id", result.id());
                    resultNode.put("status", result.status());
                    putIfPresent(resultNode, "key", result.key());
                    putIfPresent(resultNode, "url", result.url());
                }
            }
        }
        if (!comments.isEmpty()) {
            ObjectNode node = root.putObject("comments");
            comments.forEach(node::put);
        }
        if (!attachments.isEmpty()) {
            ObjectNode node = root.putObject("attachments");
            attachments.forEach(node::put);
        }
        return root;
    }

    private static void putIfPresent(ObjectNode node, String field, @Nullable String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() && !value.asString().isEmpty() ? value.asString() : null;
    }
}
