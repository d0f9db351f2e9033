package dev.casewright.generation;

import dev.casewright.extraction.AttachmentSource;
import dev.casewright.extraction.AttachmentTextExtractor;
import dev.casewright.extraction.ExtractedAttachment;
import dev.casewright.extraction.ExtractionBudget;
import dev.casewright.jira.AdfToMarkdown;
import dev.casewright.jira.JiraException;
import dev.casewright.jira.JiraIssue;
import dev.casewright.jira.JiraIssues;
import dev.casewright.tenancy.HostUser;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Gathers what the model may read about an issue, as the user who asked: summary, description and
 * acceptance criteria as Markdown, the chosen attachments' text within the extraction limits, and
 * the caller's extra context — with a manifest saying what was included, cut or left out, and why.
 * Everything stays in memory for this request; logs carry counts and ids only.
 */
@Component
public class IssueContextCollector {

    private static final Logger log = LoggerFactory.getLogger(IssueContextCollector.class);
    static final int MAX_EXTRA_CONTEXT = 10_000;

    private final JiraIssues jira;
    private final AttachmentTextExtractor extractor;
    private final PersonalDataMasker masker;
    private final TokenEstimator tokens;
    private final AcceptanceCriteriaExtractor criteria = new AcceptanceCriteriaExtractor();
    private final AdfToMarkdown markdown = new AdfToMarkdown();

    IssueContextCollector(
            JiraIssues jira,
            @Lazy AttachmentTextExtractor extractor,
            PersonalDataMasker masker,
            TokenEstimator tokens) {
        this.jira = jira;
        this.extractor = extractor;
        this.masker = masker;
        this.tokens = tokens;
    }

    /**
     * @param attachmentIds the attachments to read; {@code null} means all of them
     * @param extraContext text the user added for this generation, or {@code null}
     */
    public IssueContext collect(
            HostUser user, String issueKey, @Nullable Set<String> attachmentIds, @Nullable String extraContext) {
        return collectForModel(user, issueKey, attachmentIds, extraContext, true)
                .context();
    }

    /**
     * The context, the masking session that can restore the model's answer, the criteria as found
     * (for the rule-based writer), the issue's language as far as the text shows it, and its summary
     * as written (the rule-based writer's feature name; never sent anywhere).
     */
    record Collected(
            IssueContext context,
            MaskingSession masking,
            AcceptanceCriteria criteria,
            String language,
            String summary) {}

    /**
     * @param mask whether to replace personal data by placeholders; off only when the site's
     *     administrator turned masking off, or when the text never leaves this service
     */
    Collected collectForModel(
            HostUser user,
            String issueKey,
            @Nullable Set<String> attachmentIds,
            @Nullable String extraContext,
            boolean mask) {
        JiraIssue issue = jira.issue(user, issueKey);
        var mentions = new ArrayList<String>(MentionNames.in(issue.description()));
        mentions.addAll(MentionNames.in(issue.acceptanceCriteria()));
        // One session for the whole issue: a value gets the same placeholder wherever it appears.
        MaskingSession masking = mask ? masker.startSession(mentions) : MaskingSession.disabled();
        var text = new StringBuilder();
        var fields = new ArrayList<ContextManifest.FieldEntry>();
        var warnings = new ArrayList<String>();
        if (!mask) {
            warnings.add("Personal-data masking is off for this site: the text goes to the model as written.");
        }

        String summary = masking.mask(issue.summary().strip()).text();
        String description = masking.mask(markdownOf(issue.description())).text();
        String acceptance = masking.mask(markdownOf(issue.acceptanceCriteria())).text();
        text.append("# ").append(issue.key()).append(": ").append(summary).append("\n\n");
        fields.add(field("summary", summary));
        section(text, fields, "Description", "description", description);
        section(text, fields, "Acceptance criteria", "acceptanceCriteria", acceptance);
        if (issue.acceptanceCriteriaFieldId() == null) {
            warnings.add("This site has no acceptance-criteria field with the configured name; criteria are looked "
                    + "for in the description.");
        }
        if (extraContext != null && !extraContext.isBlank()) {
            String extra = extraContext.strip();
            boolean cut = extra.length() > MAX_EXTRA_CONTEXT;
            if (cut) {
                extra = extra.substring(0, MAX_EXTRA_CONTEXT);
                warnings.add("The extra context was cut to " + MAX_EXTRA_CONTEXT + " characters.");
            }
            extra = masking.mask(extra).text();
            text.append("## Extra context from the user\n\n").append(extra).append("\n\n");
            fields.add(new ContextManifest.FieldEntry(
                    "extraContext",
                    cut ? ContextManifest.Status.TRUNCATED : ContextManifest.Status.INCLUDED,
                    extra.length(),
                    tokens.count(extra)));
        }

        List<ContextManifest.AttachmentEntry> attachments = attachments(user, issue, attachmentIds, text, masking);
        if (attachmentIds != null) {
            Set<String> known = issue.attachments().stream()
                    .map(JiraIssue.Attachment::id)
                    .collect(java.util.stream.Collectors.toSet());
            attachmentIds.stream()
                    .filter(id -> !known.contains(id))
                    .forEach(id -> warnings.add("Attachment " + id + " is not on this issue and was ignored."));
        }

        String language = languageOf(description + acceptance);
        AcceptanceCriteria found = criteria.extract(acceptance, description, language);
        if (!found.flaggedInstructions().isEmpty()) {
            warnings.add(found.flaggedInstructions().size()
                    + " line(s) in the issue read like instructions to an AI. They are sent as data only and the "
                    + "model is told to ignore them.");
        }
        if (found.isEmpty()) {
            warnings.add("No acceptance criteria were found; scenarios will be derived from the description.");
        }
        Map<String, Integer> redactions = new TreeMap<>();
        masking.counts().forEach((type, count) -> redactions.put(type.name(), count));

        String body = text.toString().strip() + "\n";
        long characters = body.length();
        log.info(
                "Collected the context of an issue for tenant {}: {} characters, {} attachments, {} redactions",
                user.tenant(),
                characters,
                attachments.size(),
                redactions.values().stream().mapToInt(Integer::intValue).sum());
        return new Collected(
                new IssueContext(
                        issue.key(),
                        body,
                        found.criteria().stream()
                                .map(criterion -> new IssueContext.CriterionView(criterion.id(), criterion.text()))
                                .toList(),
                        new ContextManifest(
                                fields,
                                attachments,
                                characters,
                                tokens.count(body),
                                redactions,
                                found.flaggedInstructions().size(),
                                warnings)),
                masking,
                found,
                language,
                issue.summary().strip());
    }

    /** Good enough to pick sentence rules; the generation's language handling comes with the prompt. */
    private static String languageOf(String text) {
        return text.codePoints()
                        .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HIRAGANA
                                || Character.UnicodeScript.of(c) == Character.UnicodeScript.KATAKANA
                                || Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)
                ? "ja"
                : "en";
    }

    private List<ContextManifest.AttachmentEntry> attachments(
            HostUser user, JiraIssue issue, @Nullable Set<String> chosen, StringBuilder text, MaskingSession masking) {
        ExtractionBudget budget = extractor.newBudget();
        List<ContextManifest.AttachmentEntry> entries = new ArrayList<>();
        for (JiraIssue.Attachment attachment : issue.attachments()) {
            if (chosen != null && !chosen.contains(attachment.id())) {
                entries.add(entry(attachment, ContextManifest.Status.SKIPPED, "not chosen", 0, false, List.of()));
                continue;
            }
            ExtractedAttachment extracted;
            try {
                extracted = jira.readAttachment(
                        user,
                        attachment,
                        extractor.maxBytesPerAttachment(),
                        (content, size) -> extractor.extract(
                                new AttachmentSource(
                                        attachment.id(),
                                        attachment.filename(),
                                        attachment.mimeType(),
                                        size,
                                        () -> content),
                                budget));
            } catch (JiraException.AttachmentTooLarge e) {
                entries.add(entry(attachment, ContextManifest.Status.SKIPPED, "too big", 0, false, List.of()));
                continue;
            } catch (JiraException.IssueNotFound | JiraException.PermissionDenied e) {
                entries.add(
                        entry(attachment, ContextManifest.Status.SKIPPED, "not readable for you", 0, false, List.of()));
                continue;
            } catch (JiraException.Unavailable | JiraException.RateLimited e) {
                entries.add(entry(attachment, ContextManifest.Status.SKIPPED, "download failed", 0, false, List.of()));
                continue;
            }
            String extractedText = masking.mask(extracted.text().strip()).text();
            entries.add(entryOf(attachment, extracted, tokens.count(extractedText)));
            if (!extractedText.isEmpty()) {
                text.append("## Attachment: ")
                        .append(masking.mask(attachment.filename()).text())
                        .append("\n\n");
                text.append(extractedText).append("\n\n");
            }
        }
        return entries;
    }

    private static ContextManifest.AttachmentEntry entryOf(
            JiraIssue.Attachment attachment, ExtractedAttachment extracted, long estimatedTokens) {
        ContextManifest.Status status = switch (extracted.outcome()) {
            case INCLUDED -> ContextManifest.Status.INCLUDED;
            case TRUNCATED -> ContextManifest.Status.TRUNCATED;
            case SKIPPED -> ContextManifest.Status.SKIPPED;
        };
        String reason = extracted.reason() == null ? null : reasonText(extracted.reason());
        return new ContextManifest.AttachmentEntry(
                attachment.id(),
                attachment.filename(),
                extracted.detectedMimeType() != null ? extracted.detectedMimeType() : attachment.mimeType(),
                attachment.size(),
                status,
                reason,
                extracted.characterCount(),
                estimatedTokens,
                extracted.isImage(),
                extracted.warnings());
    }

    private static String reasonText(ExtractedAttachment.Reason reason) {
        return reason.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static ContextManifest.AttachmentEntry entry(
            JiraIssue.Attachment attachment,
            ContextManifest.Status status,
            @Nullable String reason,
            long characters,
            boolean image,
            List<String> warnings) {
        return new ContextManifest.AttachmentEntry(
                attachment.id(),
                attachment.filename(),
                attachment.mimeType(),
                attachment.size(),
                status,
                reason,
                characters,
                0,
                image,
                warnings);
    }

    private String markdownOf(@Nullable JsonNode field) {
        if (field == null) {
            return "";
        }
        // A plain-text custom field arrives as a string, not as an ADF document.
        return field.isString()
                ? field.stringValue().strip()
                : markdown.convert(field).strip();
    }

    private void section(
            StringBuilder text, List<ContextManifest.FieldEntry> fields, String heading, String name, String content) {
        fields.add(field(name, content));
        if (!content.isEmpty()) {
            text.append("## ").append(heading).append("\n\n").append(content).append("\n\n");
        }
    }

    private ContextManifest.FieldEntry field(String name, String content) {
        return new ContextManifest.FieldEntry(
                name,
                content.isEmpty() ? ContextManifest.Status.EMPTY : ContextManifest.Status.INCLUDED,
                content.length(),
                tokens.count(content));
    }
}
