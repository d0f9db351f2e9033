package dev.casewright.publishing;

import dev.casewright.gherkin.Feature;
import dev.casewright.gherkin.FeatureParser;
import dev.casewright.gherkin.FeatureWriter;
import dev.casewright.gherkin.Fingerprints;
import dev.casewright.gherkin.Scenario;
import dev.casewright.gherkin.ValidationResult;
import dev.casewright.jira.AdfDocuments;
import dev.casewright.jira.JiraException;
import dev.casewright.jira.JiraIssue;
import dev.casewright.jira.JiraIssues;
import dev.casewright.publishing.PublicationRecord.Entry;
import dev.casewright.publishing.PublicationResult.ScenarioResult;
import dev.casewright.publishing.PublicationResult.Status;
import dev.casewright.publishing.TargetException.Kind;
import dev.casewright.tenancy.HostUser;
import dev.casewright.tenancy.Tenant;
import dev.casewright.tenancy.Tenants;
import dev.casewright.usage.UsageEvent;
import dev.casewright.usage.UsageRecorder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes kept scenarios to a target once, however often the request is sent.
 *
 * <p>Every scenario is validated again before anything is written. What was published lives in
 * the story's issue property {@value PublicationRecord#PROPERTY_KEY} (see {@link
 * PublicationRecord}), written after each create, so a crash half-way cannot make a resumed
 * request create a test twice: an unchanged fingerprint and title are {@code unchanged} without
 * a call to the target, a changed one updates the test, a new scenario creates one. A create whose answer
 * never came is looked for among the target's existing tests before it is tried again.
 *
 * <p>Concurrency: Jira's entity properties have no compare-and-set, so two publications of the
 * same story at the same moment (two tabs, two users) both read the record, and the later write
 * wins; both may create a test for the same new scenario. The window is one request long and the
 * outcome is a duplicate test, never a lost one; a re-publication then records one of the two.
 * A per-story lock would need shared state between instances, which the service does not keep.
 */
@Component
class Publisher {

    static final Set<String> KNOWN_TARGETS = Set.of("jira", "xray", "zephyr");

    private static final Logger log = LoggerFactory.getLogger(Publisher.class);
    private static final Pattern SCENARIO_ID = Pattern.compile("[A-Za-z0-9._:-]{1,40}");
    private static final int MAX_TITLE = 1_000;
    private static final int MAX_FEATURE_NAME = 255;
    private static final int MAX_IDEMPOTENCY_KEY = 255;
    /** Hex digits of a title's hash in the record: 48 bits tell an edit apart, and keep the record small. */
    private static final int TITLE_HASH_LENGTH = 12;
    /** Failures that say nothing about one scenario but about the whole request. */
    private static final Set<Kind> REQUEST_WIDE =
            Set.of(Kind.CREDENTIALS_REJECTED, Kind.PERMISSION_DENIED, Kind.RATE_LIMITED, Kind.NOT_CONFIGURED);

    private final Map<String, PublishingTarget> targets = new LinkedHashMap<>();
    private final JiraIssues jira;
    private final Tenants tenants;
    private final PublishingProperties limits;
    private final UsageRecorder usage;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;
    private final FeatureParser parser = new FeatureParser();
    private final FeatureWriter writer = new FeatureWriter();

    Publisher(
            List<PublishingTarget> targets,
            JiraIssues jira,
            Tenants tenants,
            PublishingProperties limits,
            UsageRecorder usage,
            ApplicationEventPublisher events,
            JsonMapper json) {
        targets.forEach(target -> this.targets.put(target.name(), target));
        this.jira = jira;
        this.tenants = tenants;
        this.limits = limits;
        this.usage = usage;
        this.events = events;
        this.json = json;
    }

    /** The tests the target holds for the story, for the generator's duplicate check. */
    List<ExistingTest> existingTests(HostUser user, String issueKey, String targetName) {
        PublishingTarget target = target(targetName);
        return target.existingTests(user, story(user, issueKey));
    }

    PublicationResult publish(
            HostUser user, String issueKey, PublicationRequest request, @Nullable String idempotencyKey) {
        Instant started = Instant.now();
        String targetName =
                request.target() == null ? "" : request.target().strip().toLowerCase(Locale.ROOT);
        PublicationRequest.Options options = request.optionsOrDefault();
        List<Kept> kept = validate(request, targetName, options, idempotencyKey);
        PublishingTarget target = target(targetName);

        Story story = story(user, issueKey);
        PublicationRecord record =
                PublicationRecord.from(jira.property(user, story.key(), PublicationRecord.PROPERTY_KEY));
        String requestHash = requestHash(targetName, options, request, kept);
        String keyHash = idempotencyKey == null
                ? null
                : sha256(user.tenant().value() + "\n" + story.key() + "\n" + idempotencyKey);
        if (keyHash != null) {
            Optional<PublicationRecord.Replay> replay = record.replay(keyHash);
            if (replay.isPresent()) {
                return replayed(replay.get(), requestHash, kept);
            }
        }

        Run run = new Run(user, story, target, record);
        try {
            if (options.asComment()) {
                publishAsComment(run, request, kept);
            } else {
                for (Kept scenario : kept) {
                    if (run.stopReason != null) {
                        run.results.add(failed(scenario, run.stopReason));
                        continue;
                    }
                    run.results.add(publishOne(run, scenario));
                }
            }
        } catch (TargetException | JiraException e) {
            // Thrown only while nothing was written: the request fails as a whole, as a problem.
            recordUsage(run, targetName, started, outcomeOf(e));
            throw e;
        }
        if (options.attachesFeature() && run.stopReason == null) {
            attachFeature(run, request, kept);
        }
        PublicationResult result = new PublicationResult(List.copyOf(run.results), List.copyOf(run.warnings));
        if (keyHash != null && result.count(Status.FAILED) == 0) {
            // Only a complete result is kept for replay: after a partial failure the same request
            // (and key) must resume, not repeat the failure.
            record.remember(new PublicationRecord.Replay(
                    keyHash,
                    requestHash,
                    result.results().stream()
                            .map(r -> new PublicationRecord.Remembered(
                                    r.id(), r.status().code(), r.key(), r.url()))
                            .toList()));
            run.dirty = true;
        }
        if (run.dirty) {
            run.save();
            if (run.stopReason != null) {
                result = new PublicationResult(result.results(), withWarning(result.warnings(), run.stopReason));
            }
        }
        recordUsage(run, targetName, started, outcomeOf(result));
        events.publishEvent(new ScenariosPublished(
                user.tenant(),
                targetName,
                (int) result.count(Status.CREATED),
                (int) result.count(Status.UPDATED),
                (int) result.count(Status.UNCHANGED),
                (int) result.count(Status.FAILED)));
        return result;
    }

    // --- one scenario ------------------------------------------------------------------------------

    private ScenarioResult publishOne(Run run, Kept kept) {
        ScenarioToPublish scenario = kept.scenario();
        String targetName = run.target.name();
        try {
            Optional<Entry> known = run.record.entry(targetName, scenario.id());
            PublishedTest recorded = known.map(Entry::test).orElse(null);
            String titleHash = titleHash(scenario);
            if (known.isPresent() && !known.get().pending() && recorded != null) {
                if (unchanged(known.get(), scenario.fingerprint(), titleHash)) {
                    return result(kept, Status.UNCHANGED, recorded, null);
                }
                PublishedTest updated = run.target.update(run.user, run.story, scenario, recorded);
                boolean recreated = !updated.key().equals(recorded.key());
                run.record.put(
                        targetName,
                        scenario.id(),
                        Entry.published(
                                scenario.fingerprint(),
                                titleHash,
                                updated,
                                recreated ? 1 : known.get().version() + 1));
                run.wrote = true;
                run.save();
                return result(kept, recreated ? Status.CREATED : Status.UPDATED, updated, null);
            }
            if (known.isPresent()) {
                // A create of an earlier request never answered: the test may exist.
                Optional<ExistingTest> found = run.find(kept, false);
                if (found.isPresent()) {
                    return adopt(run, kept, found.get());
                }
            }
            if (!run.record.hasRoomForOneMore(json)) {
                return failed(
                        kept,
                        "This story's record of published tests is full, so no more can be created for it safely.");
            }
            try {
                PublishedTest created = run.target.create(run.user, run.story, scenario);
                run.record.put(
                        targetName, scenario.id(), Entry.published(scenario.fingerprint(), titleHash, created, 1));
                run.wrote = true;
                run.save();
                return result(kept, Status.CREATED, created, null);
            } catch (TargetException e) {
                if (e.kind() != Kind.OUTCOME_UNKNOWN) {
                    throw e;
                }
                // Recorded before anything else can fail: whatever happens next, the next
                // publication looks for this test before creating one.
                run.wrote = true;
                run.record.put(targetName, scenario.id(), Entry.pending(scenario.fingerprint()));
                run.save();
                Optional<ExistingTest> found = findQuietly(run, kept);
                if (found.isPresent()) {
                    return adopt(run, kept, found.get());
                }
                return failed(
                        kept,
                        e.getMessage() + " The test may have been created: send the same request again, and"
                                + " Casewright looks for it before creating another.");
            }
        } catch (TargetException e) {
            if (REQUEST_WIDE.contains(e.kind())) {
                if (!run.wrote) {
                    throw e;
                }
                run.stopReason = e.getMessage();
            }
            return failed(kept, e.getMessage());
        }
    }

    /**
     * Whether the test already says what the scenario says. The fingerprint covers the Gherkin
     * (its own Scenario line included) but not the request's title, which the test's summary or
     * name is made of and which a user can edit on its own. An entry written before titles were
     * recorded has no title hash: its title is unknown, so only the fingerprint decides, and the
     * hash is stored with its next update (not on every old entry at once, which would rename
     * every published test the first time its story is published again).
     */
    static boolean unchanged(Entry entry, String fingerprint, String titleHash) {
        return entry.fingerprint().equals(fingerprint)
                && (entry.titleHash() == null || titleHash.equals(entry.titleHash()));
    }

    /**
     * A short hash of the title as targets write it (trimmed, runs of whitespace as one space, case
     * kept): enough to notice an edit, too short to say anything about the title, which the record
     * must not hold.
     */
    static String titleHash(ScenarioToPublish scenario) {
        String title = scenario.title().strip().replaceAll("\\s+", " ");
        return sha256("title\n" + title).substring(0, TITLE_HASH_LENGTH);
    }

    /** The test a lost create may have made, if the target already shows it; a failed look is no answer. */
    private static Optional<ExistingTest> findQuietly(Run run, Kept kept) {
        try {
            return run.find(kept, true);
        } catch (TargetException e) {
            return Optional.empty();
        }
    }

    /** Takes over a test found for the scenario: brings its content up to date and records it. */
    private ScenarioResult adopt(Run run, Kept kept, ExistingTest found) {
        ScenarioToPublish scenario = kept.scenario();
        PublishedTest test =
                run.target.update(run.user, run.story, scenario, new PublishedTest(found.key(), found.url(), null));
        run.record.put(
                run.target.name(),
                scenario.id(),
                Entry.published(scenario.fingerprint(), titleHash(scenario), test, 1));
        run.wrote = true;
        run.save();
        return result(kept, Status.CREATED, test, null);
    }

    // --- the feature as a whole --------------------------------------------------------------------

    private void publishAsComment(Run run, PublicationRequest request, List<Kept> kept) {
        String featureName = featureName(request);
        String featureHash = sha256("comment\n" + featureName + "\n" + language(request) + "\n"
                + String.join(
                        "\n", kept.stream().map(k -> k.scenario().fingerprint()).toList()));
        Optional<String> known = run.record.comment(featureHash);
        if (known.isPresent()) {
            String url = commentUrl(run.story, known.get());
            kept.forEach(k -> run.results.add(result(k, Status.UNCHANGED, run.story.key(), url)));
            return;
        }
        AdfDocuments.FeatureDocument document = AdfDocuments.featureDocumentOrAttachment(
                featureName, kept.stream().map(k -> k.scenario().scenario()).toList());
        JsonNode comment;
        try {
            comment = jira.addComment(run.user, run.story.key(), document.document());
        } catch (JiraException e) {
            if (e instanceof JiraException.RateLimited || e instanceof JiraException.PermissionDenied) {
                throw e;
            }
            kept.forEach(k -> run.results.add(failed(k, e.getMessage())));
            return;
        }
        run.wrote = true;
        String commentId = comment.path("id").asString("");
        run.record.comment(featureHash, commentId);
        run.dirty = true;
        String fileName = document.attachmentFileName();
        if (fileName != null) {
            try {
                jira.attach(run.user, run.story.key(), fileName, featureText(request, kept), featureType());
            } catch (JiraException e) {
                run.warnings.add(
                        "The full feature did not fit in the comment and could not be attached: " + e.getMessage());
            }
        }
        String url = commentUrl(run.story, commentId);
        kept.forEach(k -> run.results.add(result(k, Status.CREATED, run.story.key(), url)));
    }

    private void attachFeature(Run run, PublicationRequest request, List<Kept> kept) {
        byte[] feature = featureText(request, kept);
        String featureHash = sha256(new String(feature, StandardCharsets.UTF_8));
        if (run.record.attached(featureHash)) {
            return;
        }
        try {
            List<JiraIssue.Attachment> attached = jira.attach(
                    run.user,
                    run.story.key(),
                    AdfDocuments.featureFileName(featureName(request)),
                    feature,
                    featureType());
            run.record.attachment(
                    featureHash, attached.isEmpty() ? "" : attached.get(0).id());
            run.dirty = true;
        } catch (JiraException e) {
            run.warnings.add("The feature file could not be attached to " + run.story.key() + ": " + e.getMessage());
        }
    }

    private byte[] featureText(PublicationRequest request, List<Kept> kept) {
        Feature feature = new Feature(
                featureName(request),
                language(request),
                List.of(),
                kept.stream().map(Kept::parsed).toList());
        return writer.write(feature).getBytes(StandardCharsets.UTF_8);
    }

    private static MediaType featureType() {
        return new MediaType("text", "plain", StandardCharsets.UTF_8);
    }

    // --- checking the request ----------------------------------------------------------------------

    /** A scenario that passed the parser, ready for a target. */
    record Kept(ScenarioToPublish scenario, Scenario parsed, String requestTitle) {}

    private List<Kept> validate(
            PublicationRequest request,
            String targetName,
            PublicationRequest.Options options,
            @Nullable String idempotencyKey) {
        if (targetName.isEmpty()) {
            throw PublicationRefusedException.invalid("Say where to publish: target is jira, xray or zephyr.");
        }
        if (!KNOWN_TARGETS.contains(targetName)) {
            throw new PublicationRefusedException(
                    HttpStatus.BAD_REQUEST,
                    "unknown-target",
                    "Unknown target",
                    "Casewright publishes to jira, xray or zephyr, not to '" + shortened(targetName, 40) + "'.");
        }
        if (options.mode() != null
                && !options.mode().equals("issues")
                && !options.mode().equals("comment")) {
            throw PublicationRefusedException.invalid("options.mode is issues or comment.");
        }
        if (options.asComment() && !targetName.equals("jira")) {
            throw PublicationRefusedException.invalid("options.mode comment posts to the Jira story: use target jira.");
        }
        if (idempotencyKey != null
                && (idempotencyKey.isBlank()
                        || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY
                        || !idempotencyKey.chars().allMatch(c -> c >= 0x21 && c <= 0x7e))) {
            throw PublicationRefusedException.invalid(
                    "An Idempotency-Key has 1 to " + MAX_IDEMPOTENCY_KEY + " visible ASCII characters.");
        }
        String featureName =
                request.featureName() == null ? "" : request.featureName().strip();
        if (featureName.isEmpty() || featureName.length() > MAX_FEATURE_NAME) {
            throw PublicationRefusedException.invalid("featureName has 1 to " + MAX_FEATURE_NAME + " characters.");
        }
        List<PublicationRequest.KeptScenario> scenarios = request.scenarios();
        if (scenarios == null || scenarios.isEmpty()) {
            throw PublicationRefusedException.invalid("There are no scenarios to publish.");
        }
        if (scenarios.size() > limits.maxScenarios()) {
            throw PublicationRefusedException.invalid("At most " + limits.maxScenarios()
                    + " scenarios go in one publication; this one has " + scenarios.size() + ".");
        }
        String language = language(request);
        Set<String> ids = new HashSet<>();
        List<Kept> kept = new ArrayList<>();
        for (int i = 0; i < scenarios.size(); i++) {
            PublicationRequest.KeptScenario scenario = scenarios.get(i);
            if (scenario == null
                    || scenario.id() == null
                    || !SCENARIO_ID.matcher(scenario.id()).matches()) {
                throw PublicationRefusedException.invalid("Scenario " + (i + 1)
                        + " needs an id of 1 to 40 letters, digits, dots, colons, underscores or hyphens.");
            }
            String id = scenario.id();
            if (!ids.add(id)) {
                throw PublicationRefusedException.invalid("Scenario id " + id + " appears twice.");
            }
            String gherkin =
                    scenario.gherkin() == null ? "" : scenario.gherkin().strip();
            if (gherkin.isEmpty()) {
                throw PublicationRefusedException.invalid("Scenario " + id + " has no Gherkin.");
            }
            if (gherkin.length() > limits.maxGherkinCharacters()) {
                throw PublicationRefusedException.invalid("Scenario " + id + " has " + gherkin.length()
                        + " characters of Gherkin; at most " + limits.maxGherkinCharacters() + " are published.");
            }
            String title = scenario.title() == null ? "" : scenario.title().strip();
            if (title.length() > MAX_TITLE) {
                throw PublicationRefusedException.invalid(
                        "Scenario " + id + " has a title longer than " + MAX_TITLE + " characters.");
            }
            ValidationResult validation = parser.validateScenario(gherkin, language);
            Scenario parsed = validation.scenario();
            if (!validation.valid() || parsed == null) {
                List<String> messages = validation.messages();
                throw new PublicationRefusedException(
                        HttpStatus.BAD_REQUEST,
                        "invalid-scenario",
                        "Invalid scenario",
                        "Scenario " + id + " is not valid Gherkin: " + String.join("; ", messages),
                        id,
                        messages);
            }
            String effectiveTitle = title.isEmpty() ? parsed.title() : title;
            String feature = writer.write(new Feature(featureName, language, List.of(), List.of(parsed)));
            kept.add(new Kept(
                    new ScenarioToPublish(
                            id,
                            effectiveTitle.isBlank() ? id : effectiveTitle,
                            featureName,
                            language == null ? "en" : language,
                            parsed.tags(),
                            gherkin,
                            feature,
                            Fingerprints.of(parsed)),
                    parsed,
                    scenario.title() == null ? "" : scenario.title()));
        }
        return kept;
    }

    /** The request's Gherkin language, {@code null} for English (the gherkin module's convention). */
    private static @Nullable String language(PublicationRequest request) {
        String language = request.language() == null ? "" : request.language().strip();
        return language.isEmpty() || language.equals("en") ? null : language;
    }

    private static String featureName(PublicationRequest request) {
        return request.featureName() == null ? "" : request.featureName().strip();
    }

    private PublishingTarget target(String name) {
        String normalised = name.strip().toLowerCase(Locale.ROOT);
        if (!KNOWN_TARGETS.contains(normalised)) {
            throw new PublicationRefusedException(
                    HttpStatus.BAD_REQUEST,
                    "unknown-target",
                    "Unknown target",
                    "Casewright publishes to jira, xray or zephyr, not to '" + shortened(normalised, 40) + "'.");
        }
        PublishingTarget target = targets.get(normalised);
        if (target == null) {
            throw new TargetException(
                    normalised,
                    Kind.NOT_CONFIGURED,
                    "Publishing to " + normalised + " is not available on this installation yet.");
        }
        return target;
    }

    private Story story(HostUser user, String issueKey) {
        JiraIssue issue = jira.issue(user, issueKey);
        Tenant tenant = tenants.find(user.tenant())
                .orElseThrow(() -> new IllegalStateException("the caller's site is not installed"));
        String key = issue.key().isEmpty() ? issueKey : issue.key();
        String projectKey = issue.projectKey() != null ? issue.projectKey() : key.substring(0, key.lastIndexOf('-'));
        return new Story(
                key, issue.id(), projectKey, issue.projectId() == null ? "" : issue.projectId(), tenant.displayUrl());
    }

    // --- results -----------------------------------------------------------------------------------

    private static PublicationResult replayed(PublicationRecord.Replay replay, String requestHash, List<Kept> kept) {
        if (!replay.request().equals(requestHash)) {
            throw new PublicationRefusedException(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "idempotency-key-reused",
                    "Idempotency-Key reused",
                    "This Idempotency-Key was used for a different publication; use a new key for a new request.");
        }
        Map<String, String> titles = new LinkedHashMap<>();
        kept.forEach(k -> titles.put(k.scenario().id(), k.requestTitle()));
        List<ScenarioResult> results = replay.results().stream()
                .map(r -> new ScenarioResult(
                        r.id(),
                        titles.getOrDefault(r.id(), ""),
                        statusOf(r.status()),
                        r.key(),
                        r.url(),
                        statusOf(r.status()) == Status.FAILED
                                ? "This scenario failed when the request was first sent."
                                : null))
                .toList();
        return new PublicationResult(results, List.of());
    }

    private static Status statusOf(String status) {
        return Status.ofCode(status);
    }

    private static ScenarioResult result(Kept kept, Status status, PublishedTest test, @Nullable String error) {
        return new ScenarioResult(kept.scenario().id(), kept.requestTitle(), status, test.key(), test.url(), error);
    }

    private static ScenarioResult result(Kept kept, Status status, String key, String url) {
        return new ScenarioResult(kept.scenario().id(), kept.requestTitle(), status, key, url, null);
    }

    private static ScenarioResult failed(Kept kept, @Nullable String error) {
        return new ScenarioResult(
                kept.scenario().id(),
                kept.requestTitle(),
                Status.FAILED,
                null,
                null,
                error == null ? "Publishing this scenario failed." : error);
    }

    private static List<String> withWarning(List<String> warnings, String warning) {
        List<String> all = new ArrayList<>(warnings);
        if (!all.contains(warning)) {
            all.add(warning);
        }
        return all;
    }

    private static String commentUrl(Story story, String commentId) {
        String site = story.site().toString();
        return (site.endsWith("/") ? site : site + "/") + "browse/" + story.key() + "?focusedCommentId="
                + URLEncoder.encode(commentId, StandardCharsets.UTF_8);
    }

    // --- usage ---------------------------------------------------------------------------------------

    private void recordUsage(Run run, String targetName, Instant started, String outcome) {
        int written = (int) run.results.stream()
                .filter(r -> r.status() == Status.CREATED || r.status() == Status.UPDATED)
                .count();
        usage.record(new UsageEvent(
                run.user.tenant(),
                Instant.now(),
                "publish." + targetName,
                null,
                null,
                null,
                0,
                0,
                Duration.between(started, Instant.now()),
                outcome,
                written,
                0,
                0));
    }

    private static String outcomeOf(PublicationResult result) {
        long failed = result.count(Status.FAILED);
        if (failed == 0) {
            return "ok";
        }
        return failed == result.results().size() ? "failed" : "partial";
    }

    private static String outcomeOf(RuntimeException e) {
        if (e instanceof TargetException target) {
            return target.kind().name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
        return "jira-" + e.getClass().getSimpleName().toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
    }

    // --- support -------------------------------------------------------------------------------------

    private static String requestHash(
            String target, PublicationRequest.Options options, PublicationRequest request, List<Kept> kept) {
        StringBuilder text = new StringBuilder()
                .append(target)
                .append('\n')
                .append(options.asComment() ? "comment" : "issues")
                .append('\n')
                .append(options.attachesFeature())
                .append('\n')
                .append(featureName(request))
                .append('\n')
                .append(language(request));
        kept.forEach(k -> text.append('\n')
                .append(k.scenario().id())
                .append(' ')
                .append(k.scenario().fingerprint())
                .append(' ')
                .append(k.scenario().title()));
        return sha256(text.toString());
    }

    static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    private static String shortened(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "…";
    }

    /** One publication in progress: what it found, wrote and answered so far. */
    private final class Run {
        final HostUser user;
        final Story story;
        final PublishingTarget target;
        final PublicationRecord record;
        final List<ScenarioResult> results = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();
        /** Whether anything changed in the target or on the story during this request. */
        boolean wrote;
        /** Whether the record has changes not yet saved. */
        boolean dirty;
        /** Why the remaining scenarios are not tried, once a request-wide failure happened. */
        @Nullable
        String stopReason;

        private @Nullable List<ExistingTest> existing;

        Run(HostUser user, Story story, PublishingTarget target, PublicationRecord record) {
            this.user = user;
            this.story = story;
            this.target = target;
            this.record = record;
        }

        /** Saves the record now: after each create, so a crash cannot lose what was created. */
        void save() {
            try {
                jira.setProperty(user, story.key(), PublicationRecord.PROPERTY_KEY, record.toJsonWithin(json));
                dirty = false;
            } catch (JiraException | IllegalStateException | IllegalArgumentException e) {
                log.warn(
                        "Could not record a publication on an issue for tenant {}: {}",
                        user.tenant(),
                        e.getClass().getSimpleName());
                dirty = true;
                stopReason = "Casewright could not record what it published on " + story.key()
                        + ", so it published nothing more. Send the same request again.";
            }
        }

        /**
         * A test the target already holds that is this scenario (same fingerprint or same title)
         * and that no other scenario of the story claims.
         */
        Optional<ExistingTest> find(Kept kept, boolean afresh) {
            if (existing == null || afresh) {
                existing = target.testsLostCreatesMayHaveLeft(user, story);
            }
            Set<String> claimed = new HashSet<>(record.keys(target.name()));
            ScenarioToPublish scenario = kept.scenario();
            return existing.stream()
                    .filter(test -> !claimed.contains(test.key()))
                    .filter(test -> sameFingerprint(test, scenario) || sameTitle(test.title(), scenario.title()))
                    .findFirst();
        }

        private boolean sameFingerprint(ExistingTest test, ScenarioToPublish scenario) {
            if (test.gherkin().isBlank()) {
                return false;
            }
            ValidationResult read = parser.validateScenario(
                    test.gherkin(), scenario.language().equals("en") ? null : scenario.language());
            return read.scenario() != null && Fingerprints.of(read.scenario()).equals(scenario.fingerprint());
        }
    }

    /** Equal ignoring case and runs of spaces, or the test's title is the scenario's cut short. */
    static boolean sameTitle(String testTitle, String scenarioTitle) {
        String test = testTitle.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        String scenario = scenarioTitle.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        if (test.isEmpty()) {
            return false;
        }
        return test.equals(scenario) || (test.length() >= 200 && scenario.startsWith(test.replaceAll("…$", "")));
    }
}
