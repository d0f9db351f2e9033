package dev.casewright.publishing.xray;

import dev.casewright.publishing.TargetException;
import dev.casewright.publishing.targets.TargetHttp;
import dev.casewright.publishing.targets.TargetHttp.Call;
import dev.casewright.settings.TargetCredentials;
import dev.casewright.tenancy.TenantId;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Xray's GraphQL endpoint (B.5) with the tenant's token. A 401 means the remembered token expired
 * or was revoked: it is forgotten and the call made once more with a new one (Xray refused the
 * request, so repeating even a mutation cannot duplicate anything). GraphQL reports errors in a
 * 200 answer; those become {@link TargetException.Kind#REJECTED}, said without Xray's text,
 * which may quote what we sent.
 */
class XrayGraphQl {

    private final RestClient xray;
    private final TargetHttp http;
    private final XrayTokens tokens;

    XrayGraphQl(RestClient xray, TargetHttp http, XrayTokens tokens) {
        this.xray = xray;
        this.http = http;
        this.tokens = tokens;
    }

    /** Runs a query or mutation and returns its {@code data}. */
    JsonNode run(
            TenantId tenant,
            TargetCredentials credentials,
            String action,
            Call call,
            String query,
            ObjectNode variables) {
        String token = tokens.token(tenant, credentials);
        JsonNode answer;
        try {
            answer = post(action, call, query, variables, token);
        } catch (TargetException e) {
            if (e.kind() != TargetException.Kind.CREDENTIALS_REJECTED) {
                throw e;
            }
            tokens.forget(tenant, credentials, token);
            answer = post(action, call, query, variables, tokens.fresh(tenant, credentials));
        }
        JsonNode errors = answer == null ? null : answer.path("errors");
        if (errors != null && errors.isArray() && !errors.isEmpty()) {
            throw http.rejected(
                    action + ": its answer carried " + errors.size() + (errors.size() == 1 ? " error" : " errors"),
                    null);
        }
        if (answer == null || !answer.path("data").isObject()) {
            throw http.rejected(action + ": its answer held no data", null);
        }
        return answer.path("data");
    }

    private JsonNode post(String action, Call call, String query, ObjectNode variables, String token) {
        return http.call(
                action,
                call,
                () -> xray.post()
                        .uri("/api/v2/graphql")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON)
                        .accept(MediaType.APPLICATION_JSON)
                        .body(Map.of("query", query, "variables", variables))
                        .retrieve()
                        .body(JsonNode.class));
    }
}
