package dev.casewright.connect;

import dev.casewright.tenancy.TenantId;
import dev.casewright.tenancy.Tenants;
import java.net.http.HttpClient;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The installed payload carries no cloudId, and Forge keys sites by it; Jira publishes it at the
 * unauthenticated {@code /_edge/tenant_info}. Looked up after the install has been answered (Jira
 * gives the callback only seconds), and best effort: a failure leaves the cloudId unknown.
 */
@Component
class CloudIdLookup {

    private static final Logger log = LoggerFactory.getLogger(CloudIdLookup.class);

    record TenantInfo(@Nullable String cloudId) {}

    private final Tenants tenants;
    private final TaskExecutor executor;
    private final RestClient http;

    CloudIdLookup(Tenants tenants, @Qualifier("applicationTaskExecutor") TaskExecutor executor) {
        this.tenants = tenants;
        this.executor = executor;
        // The JDK client has no connect timeout by default, and follows no redirects (as we want).
        var requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
        requests.setReadTimeout(Duration.ofSeconds(5));
        this.http = RestClient.builder().requestFactory(requests).build();
    }

    void lookUpLater(TenantId tenant) {
        executor.execute(() -> lookUp(tenant));
    }

    void lookUp(TenantId id) {
        tenants.find(id).ifPresent(tenant -> {
            try {
                TenantInfo info = http.get()
                        .uri(tenant.siteUrl().resolve("/_edge/tenant_info"))
                        .retrieve()
                        .body(TenantInfo.class);
                if (info != null && info.cloudId() != null && info.cloudId().matches("[A-Za-z0-9-]{1,64}")) {
                    tenants.recordCloudId(id, info.cloudId());
                }
            } catch (RestClientException e) {
                log.info(
                        "Could not look up the cloudId of tenant {}: {}",
                        id,
                        e.getClass().getSimpleName());
            }
        });
    }
}
