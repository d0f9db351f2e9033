package dev.casewright.connect;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Establishes who is calling from a Connect token, or leaves the request unauthenticated so the
 * chain answers 401. Install and uninstall callbacks take only Atlassian's RS256 token in the
 * {@code Authorization: JWT} header; everything else takes an HS256 token in that header or in
 * the {@code jwt} query parameter, never both. Tokens and their claims are never logged.
 */
class ConnectAuthenticationFilter extends OncePerRequestFilter {

    static final String INSTALLED = "/lifecycle/installed";
    static final String UNINSTALLED = "/lifecycle/uninstalled";

    private static final Logger log = LoggerFactory.getLogger(ConnectAuthenticationFilter.class);
    private static final String SCHEME = "JWT ";

    private final ConnectTokenVerifier verifier;

    ConnectAuthenticationFilter(ConnectTokenVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            authenticate(request);
        } catch (JwtRejectedException e) {
            SecurityContextHolder.clearContext();
            log.info("Rejected a Connect token on {} {}: {}", request.getMethod(), path(request), e.getMessage());
        }
        chain.doFilter(request, response);
    }

    private void authenticate(HttpServletRequest request) {
        String token = token(request);
        if (token == null) {
            return;
        }
        var canonical = new ConnectTokenVerifier.Request(
                request.getMethod(), request.getRequestURI(), request.getQueryString(), request.getContextPath());
        var context = SecurityContextHolder.createEmptyContext();
        if (isInstallCallback(request)) {
            if (request.getHeader("Authorization") == null) {
                throw new JwtRejectedException("install callbacks take their token in the Authorization header");
            }
            context.setAuthentication(new InstallAuthentication(verifier.verifyInstall(token, canonical)));
        } else {
            context.setAuthentication(verifier.verifyRequest(token, canonical, licence(request)));
        }
        SecurityContextHolder.setContext(context);
    }

    private static boolean isInstallCallback(HttpServletRequest request) {
        String path = path(request);
        return INSTALLED.equals(path) || UNINSTALLED.equals(path);
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    /** The one token of the request; two places, or two query parameters, are rejected. */
    private static @Nullable String token(HttpServletRequest request) {
        List<String> found = new ArrayList<>(queryValues(request.getQueryString(), "jwt"));
        var headers = request.getHeaders("Authorization");
        while (headers.hasMoreElements()) {
            String header = headers.nextElement();
            if (header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
                found.add(header.substring(SCHEME.length()).trim());
            }
        }
        if (found.size() > 1) {
            throw new JwtRejectedException("a request must carry exactly one token");
        }
        return found.isEmpty() ? null : found.get(0);
    }

    private static @Nullable String licence(HttpServletRequest request) {
        List<String> values = queryValues(request.getQueryString(), "lic");
        return values.size() == 1 ? values.get(0) : null;
    }

    // Read from the raw query string: getParameter() would also read a form body.
    private static List<String> queryValues(@Nullable String rawQuery, String name) {
        List<String> values = new ArrayList<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return values;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            if (name.equals(key)) {
                String value = equals < 0 ? "" : pair.substring(equals + 1);
                try {
                    values.add(URLDecoder.decode(value, StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    throw new JwtRejectedException("query parameter " + name + " is not valid URL encoding");
                }
            }
        }
        return values;
    }
}
