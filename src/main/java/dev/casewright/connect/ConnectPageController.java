package dev.casewright.connect;

import dev.casewright.tenancy.JiraAdministrators;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The pages Jira frames: the issue panel and the configuration page. They are static files (the
 * same files will serve Forge Custom UI); this controller only decides, after the iframe token was
 * verified, which one the caller may see. The server puts nothing into the HTML: pages ask the API.
 */
@RestController
class ConnectPageController {

    static final String PANEL = "/panel/issue";
    static final String CONFIGURE = "/admin/configure";

    // Pages are framed by Jira only, and load scripts only from us and Atlassian's all.js.
    static final String PAGE_POLICY = "default-src 'self'; script-src 'self' https://connect-cdn.atl-paas.net; "
            + "style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'self'; "
            + "frame-ancestors https://*.atlassian.net https://*.jira.com";

    private final LicenceCheck licences;
    private final JiraAdministrators administrators;

    ConnectPageController(LicenceCheck licences, JiraAdministrators administrators) {
        this.licences = licences;
        this.administrators = administrators;
    }

    @GetMapping(PANEL)
    ResponseEntity<byte[]> issuePanel() {
        ConnectAuthentication caller = caller();
        if (!licensed(caller)) {
            return page(HttpStatus.OK, "static/ui/shared/unlicensed.html");
        }
        return page(HttpStatus.OK, "static/ui/issue-panel/index.html");
    }

    @GetMapping(CONFIGURE)
    ResponseEntity<byte[]> configurePage() {
        ConnectAuthentication caller = caller();
        if (!administrators.isAdministrator(caller.getPrincipal())) {
            return page(HttpStatus.FORBIDDEN, "static/ui/shared/not-admin.html");
        }
        return page(HttpStatus.OK, "static/ui/admin/index.html");
    }

    private boolean licensed(ConnectAuthentication caller) {
        // "active" in a verified lic parameter is good enough for rendering; anything else is
        // confirmed with Jira before we show a licence message to a paying customer.
        return "active".equals(caller.licence())
                || licences.isLicensed(caller.getPrincipal().tenant());
    }

    private static ConnectAuthentication caller() {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof ConnectAuthentication caller
                && caller.kind() == ConnectAuthentication.Kind.REQUEST) {
            return caller;
        }
        // The security chain lets only verified Connect page loads through; anything else is a bug.
        throw new IllegalStateException("a Connect page was reached without a verified page token");
    }

    private static ResponseEntity<byte[]> page(HttpStatus status, String location) {
        try (InputStream in = new ClassPathResource(location).getInputStream()) {
            return ResponseEntity.status(status)
                    .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                    .header("Content-Security-Policy", PAGE_POLICY)
                    .header(HttpHeaders.CACHE_CONTROL, "no-cache, no-store, max-age=0, must-revalidate")
                    .body(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("page missing from the classpath: " + location, e);
        }
    }
}
