package dev.casewright.connect;

import dev.casewright.tenancy.TenantRegistration;
import dev.casewright.tenancy.Tenants;
import java.net.URI;
import java.net.URISyntaxException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Connect lifecycle callbacks. The security chain has already verified the token (RS256 from
 * Atlassian for install and uninstall, HS256 from the tenant for enable and disable); here the
 * body must speak for the same clientKey. Every handler is idempotent: Jira may repeat events
 * and deliver them milliseconds apart in any order.
 */
@RestController
class LifecycleController {

    private static final Logger log = LoggerFactory.getLogger(LifecycleController.class);

    private final Tenants tenants;
    private final ConnectProperties properties;
    private final CloudIdLookup cloudIds;

    LifecycleController(Tenants tenants, ConnectProperties properties, CloudIdLookup cloudIds) {
        this.tenants = tenants;
        this.properties = properties;
        this.cloudIds = cloudIds;
    }

    @PostMapping(ConnectAuthenticationFilter.INSTALLED)
    ResponseEntity<Void> installed(
            @AuthenticationPrincipal String verifiedClientKey, @RequestBody LifecycleEvent event) {
        String clientKey = sameClientKey(verifiedClientKey, event);
        checkAppKey(event);
        String secret = required(event.sharedSecret(), "sharedSecret");
        URI siteUrl = siteUrl(required(event.baseUrl(), "baseUrl"), "baseUrl");
        if (!properties.isAllowedSite(siteUrl)) {
            throw new LifecycleRejectedException.InvalidPayload(
                    "baseUrl is not an Atlassian site this service accepts");
        }
        URI displayUrl = event.displayUrl() == null ? null : siteUrl(event.displayUrl(), "displayUrl");
        var tenant = tenants.register(new TenantRegistration(
                clientKey,
                siteUrl,
                displayUrl,
                event.productType() == null ? "jira" : event.productType(),
                secret,
                event.oauthClientId(),
                event.cloudId(),
                event.installationId(),
                event.entitlementId(),
                event.entitlementNumber()));
        log.info("Tenant {} installed the app", tenant.id());
        if (tenant.cloudId() == null) {
            cloudIds.lookUpLater(tenant.id());
        }
        return ResponseEntity.noContent().build();
    }

    @PostMapping(ConnectAuthenticationFilter.UNINSTALLED)
    ResponseEntity<Void> uninstalled(
            @AuthenticationPrincipal String verifiedClientKey, @RequestBody LifecycleEvent event) {
        String clientKey = sameClientKey(verifiedClientKey, event);
        tenants.uninstall(clientKey).ifPresent(tenant -> log.info("Tenant {} uninstalled the app", tenant.id()));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/lifecycle/enabled")
    ResponseEntity<Void> enabled(@RequestBody LifecycleEvent event) {
        return setEnabled(event, true);
    }

    @PostMapping("/lifecycle/disabled")
    ResponseEntity<Void> disabled(@RequestBody LifecycleEvent event) {
        return setEnabled(event, false);
    }

    private ResponseEntity<Void> setEnabled(LifecycleEvent event, boolean enabled) {
        if (!(SecurityContextHolder.getContext().getAuthentication() instanceof ConnectAuthentication caller)) {
            throw new LifecycleRejectedException.NotTheSender();
        }
        sameClientKey(caller.clientKey(), event);
        tenants.setEnabled(caller.getPrincipal().tenant(), enabled);
        return ResponseEntity.noContent().build();
    }

    private static String sameClientKey(@Nullable String verified, LifecycleEvent event) {
        if (verified == null || !verified.equals(event.clientKey())) {
            throw new LifecycleRejectedException.NotTheSender();
        }
        return verified;
    }

    private void checkAppKey(LifecycleEvent event) {
        if (event.key() != null && !properties.appKey().equals(event.key())) {
            throw new LifecycleRejectedException.InvalidPayload("key is not this app's key");
        }
    }

    private static String required(@Nullable String value, String field) {
        if (value == null || value.isBlank()) {
            throw new LifecycleRejectedException.InvalidPayload(field + " is missing");
        }
        return value;
    }

    private static URI siteUrl(String value, String field) {
        try {
            URI uri = new URI(value);
            if (!uri.isAbsolute() || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
                throw new LifecycleRejectedException.InvalidPayload(field + " is not an absolute http(s) URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new LifecycleRejectedException.InvalidPayload(field + " is not a URL");
        }
    }
}
