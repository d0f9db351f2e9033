package dev.casewright.jira;

import dev.casewright.tenancy.HostUser;
import dev.casewright.tenancy.ProductApi;
import dev.casewright.tenancy.Tenant;
import dev.casewright.tenancy.Tenants;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The typed Jira Cloud REST v3 client for what Casewright needs. Every call acts as the given user,
 * so Jira applies that user's permissions; nobody reads or writes more through us than in Jira.
 * Lenient with what Jira sends (numeric or string ids, missing fields), strict with what we send.
 */
@Component
public class JiraIssues {

    static final int PROPERTY_LIMIT = 32_768;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ProductApi jira;
    private final Tenants tenants;
    private final JiraCalls calls;
    private final JiraProperties properties;
    private final JsonMapper json;
    private final RestClient redirects;

    JiraIssues(
            ProductApi jira,
            Tenants tenants,
            JiraCalls calls,
            JiraProperties properties,
            JsonMapper json,
            RestClient.Builder clients) {
        this.jira = jira;
        this.tenants = tenants;
        this.calls = calls;
        this.properties = properties;
        this.json = json;
        // The JDK client has no connect timeout by default, and follows no redirects (as we want).
        var requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
        requests.setReadTimeout(Duration.ofSeconds(30));
        // For Jira's signed media URLs: no Authorization header ever goes there.
        this.redirects = clients.clone().requestFactory(requests).build();
    }

    // --- reading ---------------------------------------------------------------------------------

    /** The issue with all its fields and their display names, to find the acceptance criteria. */
    public JiraIssue issue(HostUser user, String issueKey) {
        JsonNode body = calls.call(
                user.tenant(),
                "Issue " + issueKey,
                true,
                () -> jira.asUser(user)
                        .get()
                        .uri("/rest/api/3/issue/{issueKey}?fields=*all&expand=names", issueKey)
                        .retrieve()
                        .body(JsonNode.class));
        return JiraIssueParser.parse(required(body, "issue " + issueKey), properties.acceptanceCriteriaField());
    }

    /**
     * Streams an attachment's content to the reader, refusing before any download when its size is
     * over {@code maxBytes}, and cutting the stream off if more arrives than allowed.
     */
    public <T> T readAttachment(
            HostUser user, JiraIssue.Attachment attachment, long maxBytes, AttachmentReader<T> reader) {
        if (attachment.size() > maxBytes) {
            throw new JiraException.AttachmentTooLarge(attachment.id(), attachment.size(), maxBytes);
        }
        URI site = siteOf(user);
        return calls.call(
                user.tenant(),
                "Attachment " + attachment.id(),
                true,
                () -> jira.asUser(user)
                        .get()
                        .uri("/rest/api/3/attachment/content/{id}?redirect=false", attachment.id())
                        .exchange((request, response) -> {
                            if (response.getStatusCode().is3xxRedirection()) {
                                URI location = response.getHeaders().getLocation();
                                return followRedirect(site, location, attachment, maxBytes, reader);
                            }
                            return consume(response, attachment, maxBytes, reader);
                        }));
    }

    private <T> T followRedirect(
            URI site,
            @Nullable URI location,
            JiraIssue.Attachment attachment,
            long maxBytes,
            AttachmentReader<T> reader) {
        if (location == null) {
            throw new JiraException.Unavailable("a redirect without a location", null);
        }
        URI target = site.resolve(location);
        boolean sameSite = target.getHost() != null && target.getHost().equalsIgnoreCase(site.getHost());
        if (!"https".equals(target.getScheme()) && !sameSite) {
            throw new JiraException.Unavailable("a redirect to an insecure location", null);
        }
        return redirects
                .get()
                .uri(target)
                .exchange((request, response) -> consume(response, attachment, maxBytes, reader));
    }

    private static <T> T consume(
            ClientHttpResponse response, JiraIssue.Attachment attachment, long maxBytes, AttachmentReader<T> reader)
            throws IOException {
        HttpStatusCode status = response.getStatusCode();
        if (status.isError()) {
            throw errorOf(response);
        }
        long length = response.getHeaders().getContentLength();
        if (length > maxBytes) {
            throw new JiraException.AttachmentTooLarge(attachment.id(), length, maxBytes);
        }
        try (InputStream limited = new LimitedInputStream(response.getBody(), maxBytes)) {
            return reader.read(limited, attachment.size());
        } catch (LimitExceeded e) {
            throw new JiraException.AttachmentTooLarge(attachment.id(), e.read, maxBytes);
        } catch (IOException e) {
            // Not retried: the reader may already have used part of the content.
            throw new JiraException.Unavailable("the attachment download broke off", e);
        }
    }

    private static RuntimeException errorOf(ClientHttpResponse response) throws IOException {
        HttpStatusCode status = response.getStatusCode();
        byte[] body = response.getBody().readNBytes(8 * 1024);
        return status.is4xxClientError()
                ? HttpClientErrorException.create(status, "", response.getHeaders(), body, StandardCharsets.UTF_8)
                : HttpServerErrorException.create(status, "", response.getHeaders(), body, StandardCharsets.UTF_8);
    }

    /** The issue types a project lets this user create (createmeta), all pages. */
    public List<IssueType> issueTypes(HostUser user, String projectKey) {
        List<IssueType> types = new ArrayList<>();
        int startAt = 0;
        while (true) {
            int from = startAt;
            JsonNode page = calls.call(
                    user.tenant(),
                    "Project " + projectKey,
                    true,
                    () -> jira.asUser(user)
                            .get()
                            .uri(
                                    "/rest/api/3/issue/createmeta/{project}/issuetypes?startAt={from}&maxResults=50",
                                    projectKey,
                                    from)
                            .retrieve()
                            .body(JsonNode.class));
            JsonNode values =
                    required(page, "issue types").has("issueTypes") ? page.path("issueTypes") : page.path("values");
            values.forEach(type -> types.add(new IssueType(
                    JiraIssueParser.text(type.path("id")),
                    JiraIssueParser.text(type.path("name")),
                    type.path("subtask").asBoolean(false))));
            int total = page.path("total").asInt(types.size());
            if (values.isEmpty() || types.size() >= total || page.path("isLast").asBoolean(false)) {
                return types;
            }
            startAt = types.size();
        }
    }

    public List<IssueLinkType> linkTypes(HostUser user) {
        JsonNode body = calls.call(
                user.tenant(),
                "Issue link types",
                true,
                () -> jira.asUser(user)
                        .get()
                        .uri("/rest/api/3/issueLinkType")
                        .retrieve()
                        .body(JsonNode.class));
        List<IssueLinkType> types = new ArrayList<>();
        required(body, "issue link types")
                .path("issueLinkTypes")
                .forEach(type -> types.add(new IssueLinkType(
                        JiraIssueParser.text(type.path("id")),
                        JiraIssueParser.text(type.path("name")),
                        JiraIssueParser.text(type.path("inward")),
                        JiraIssueParser.text(type.path("outward")))));
        return types;
    }

    /**
     * One page of the enhanced JQL search ({@code POST /search/jql}, read-only, so retried).
     * {@code reconcileIssues} makes issues we just created visible despite eventual consistency.
     */
    public SearchPage search(
            HostUser user,
            String jql,
            List<String> fields,
            @Nullable String nextPageToken,
            List<Long> reconcileIssues) {
        ObjectNode request = NODES.objectNode().put("jql", jql).put("maxResults", 100);
        fields.forEach(request.putArray("fields")::add);
        if (nextPageToken != null) {
            request.put("nextPageToken", nextPageToken);
        }
        if (!reconcileIssues.isEmpty()) {
            reconcileIssues.forEach(request.putArray("reconcileIssues")::add);
        }
        JsonNode body = calls.call(
                user.tenant(),
                "The search",
                true,
                () -> jira.asUser(user)
                        .post()
                        .uri("/rest/api/3/search/jql")
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(request)
                        .retrieve()
                        .body(JsonNode.class));
        List<JsonNode> issues = new ArrayList<>();
        required(body, "search").path("issues").forEach(issues::add);
        JsonNode token = body.path("nextPageToken");
        boolean last = body.path("isLast").asBoolean(false) || !token.isString();
        return new SearchPage(issues, last ? null : token.stringValue());
    }

    public Optional<JsonNode> property(HostUser user, String issueKey, String propertyKey) {
        try {
            JsonNode body = calls.call(
                    user.tenant(),
                    "Property " + propertyKey + " of " + issueKey,
                    true,
                    () -> jira.asUser(user)
                            .get()
                            .uri("/rest/api/3/issue/{issueKey}/properties/{propertyKey}", issueKey, propertyKey)
                            .retrieve()
                            .body(JsonNode.class));
            return Optional.ofNullable(body).map(found -> found.path("value")).filter(value -> !value.isMissingNode());
        } catch (JiraException.IssueNotFound noSuchProperty) {
            // Jira answers 404 for a property that was never set as well; the issue read decides.
            return Optional.empty();
        }
    }

    // --- writing ---------------------------------------------------------------------------------

    /** Sets an issue entity property (PUT: idempotent, so retried). */
    public void setProperty(HostUser user, String issueKey, String propertyKey, JsonNode value) {
        String serialised = json.writeValueAsString(value);
        if (serialised.length() > PROPERTY_LIMIT || "{}".equals(serialised)) {
            throw new IllegalArgumentException(
                    "an issue property must be non-empty JSON of at most " + PROPERTY_LIMIT + " characters");
        }
        calls.call(
                user.tenant(),
                "Property " + propertyKey + " of " + issueKey,
                true,
                () -> jira.asUser(user)
                        .put()
                        .uri("/rest/api/3/issue/{issueKey}/properties/{propertyKey}", issueKey, propertyKey)
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(serialised)
                        .retrieve()
                        .toBodilessEntity());
    }

    /**
     * Creates an issue. Never retried: a timeout may hide a success, and a second POST would make a
     * duplicate (callers look for what they created before trying again).
     */
    public CreatedIssue createIssue(HostUser user, ObjectNode fields, Map<String, JsonNode> issueProperties) {
        String summary = fields.path("summary").asString("");
        if (summary.isBlank() || summary.length() > 255) {
            throw new IllegalArgumentException("an issue summary must have 1 to 255 characters");
        }
        ObjectNode request = NODES.objectNode();
        request.set("fields", fields);
        var propertyArray = request.putArray("properties");
        issueProperties.forEach(
                (key, value) -> propertyArray.addObject().put("key", key).set("value", value));
        JsonNode body = calls.call(
                user.tenant(),
                "The new issue",
                false,
                () -> jira.asUser(user)
                        .post()
                        .uri("/rest/api/3/issue")
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(request)
                        .retrieve()
                        .body(JsonNode.class));
        return new CreatedIssue(
                JiraIssueParser.text(required(body, "created issue").path("id")),
                JiraIssueParser.text(body.path("key")));
    }

    /**
     * Changes an issue's fields (summary, description, labels, ...). A PUT sets the same values
     * however often it is sent, so it is retried like a read.
     */
    public void updateIssue(HostUser user, String issueKey, ObjectNode fields) {
        updateIssue(user, issueKey, fields, NODES.objectNode());
    }

    /**
     * Changes an issue with both forms Jira offers: {@code fields} sets values, {@code update}
     * applies operations ({@code {"labels":[{"add":"x"}]}} adds a label and keeps the others). A
     * field may appear in only one of them. Retried like a read: the same PUT twice ends the same.
     */
    public void updateIssue(HostUser user, String issueKey, ObjectNode fields, ObjectNode update) {
        if (fields.has("summary")) {
            String summary = fields.path("summary").asString("");
            if (summary.isBlank() || summary.length() > 255) {
                throw new IllegalArgumentException("an issue summary must have 1 to 255 characters");
            }
        }
        ObjectNode request = NODES.objectNode();
        request.set("fields", fields);
        if (!update.isEmpty()) {
            request.set("update", update);
        }
        calls.call(
                user.tenant(),
                "Issue " + issueKey,
                true,
                () -> jira.asUser(user)
                        .put()
                        .uri("/rest/api/3/issue/{issueKey}", issueKey)
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(request)
                        .retrieve()
                        .toBodilessEntity());
    }

    /**
     * Links two issues so that Jira shows "{@code subjectKey} &lt;outward phrase&gt; {@code objectKey}",
     * e.g. "SHOP-9 tests SHOP-1". Jira's trap: the subject goes in {@code inwardIssue}. Jira reports a
     * duplicate link as created, so this is safe to retry.
     */
    public void link(HostUser user, String typeName, String subjectKey, String objectKey) {
        ObjectNode request = NODES.objectNode();
        request.putObject("type").put("name", typeName);
        request.putObject("inwardIssue").put("key", subjectKey);
        request.putObject("outwardIssue").put("key", objectKey);
        calls.call(
                user.tenant(),
                "Link " + subjectKey + " to " + objectKey,
                true,
                () -> jira.asUser(user)
                        .post()
                        .uri("/rest/api/3/issueLink")
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(request)
                        .retrieve()
                        .toBodilessEntity());
    }

    /** Adds a comment (ADF body). Not retried: a repeat would post it twice. */
    public JsonNode addComment(HostUser user, String issueKey, JsonNode adfBody) {
        ObjectNode request = NODES.objectNode();
        request.set("body", adfBody);
        return required(
                calls.call(
                        user.tenant(),
                        "Issue " + issueKey,
                        false,
                        () -> jira.asUser(user)
                                .post()
                                .uri("/rest/api/3/issue/{issueKey}/comment", issueKey)
                                .contentType(MediaType.APPLICATION_JSON)
                                .body(request)
                                .retrieve()
                                .body(JsonNode.class)),
                "comment");
    }

    /** Attaches a file. Not retried. Jira blocks uploads without {@code X-Atlassian-Token: no-check}. */
    public List<JiraIssue.Attachment> attach(
            HostUser user, String issueKey, String filename, byte[] content, MediaType type) {
        var partHeaders = new HttpHeaders();
        partHeaders.setContentType(type);
        partHeaders.setContentDispositionFormData("file", filename);
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("file", new HttpEntity<>(new ByteArrayResource(content), partHeaders));
        JsonNode body = calls.call(
                user.tenant(),
                "Issue " + issueKey,
                false,
                () -> jira.asUser(user)
                        .post()
                        .uri("/rest/api/3/issue/{issueKey}/attachments", issueKey)
                        .header("X-Atlassian-Token", "no-check")
                        .contentType(MediaType.MULTIPART_FORM_DATA)
                        .body(parts)
                        .retrieve()
                        .body(JsonNode.class));
        List<JiraIssue.Attachment> attached = new ArrayList<>();
        required(body, "attachments").forEach(node -> attached.add(JiraIssueParser.attachment(node)));
        return attached;
    }

    /** Creates or updates (by {@code globalId}) a remote link; an upsert, so retried. */
    public void upsertRemoteLink(HostUser user, String issueKey, ObjectNode remoteLink) {
        if (!remoteLink.path("globalId").isString()
                || !remoteLink.path("object").path("title").isString()) {
            throw new IllegalArgumentException("a remote link needs a globalId and object.title");
        }
        calls.call(
                user.tenant(),
                "Issue " + issueKey,
                true,
                () -> jira.asUser(user)
                        .post()
                        .uri("/rest/api/3/issue/{issueKey}/remotelink", issueKey)
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(remoteLink)
                        .retrieve()
                        .toBodilessEntity());
    }

    // --- support ---------------------------------------------------------------------------------

    private URI siteOf(HostUser user) {
        return tenants.find(user.tenant())
                .map(Tenant::siteUrl)
                .orElseThrow(() -> new JiraException.Unavailable("this site is not installed", null));
    }

    private static JsonNode required(@Nullable JsonNode body, String what) {
        if (body == null || body.isMissingNode() || body.isNull()) {
            throw new JiraException.Unavailable("an empty answer for the " + what, null);
        }
        return body;
    }

    static final class LimitExceeded extends IOException {
        final long read;

        LimitExceeded(long read) {
            super("more bytes than allowed");
            this.read = read;
        }
    }

    /** Counts what passes and stops with {@link LimitExceeded} one byte past the limit. */
    static final class LimitedInputStream extends FilterInputStream {
        private final long limit;
        private long read;

        LimitedInputStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(long n) throws IOException {
            read += n;
            if (read > limit) {
                throw new LimitExceeded(read);
            }
        }
    }
}
