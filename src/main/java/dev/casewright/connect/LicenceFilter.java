package dev.casewright.connect;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * When licensing is required, the JSON API refuses sites without an active licence with a 402
 * problem the panel can show. Pages render their own message instead.
 */
class LicenceFilter extends OncePerRequestFilter {

    private final LicenceCheck licences;
    private final JsonMapper json;

    LicenceFilter(LicenceCheck licences, JsonMapper json) {
        this.licences = licences;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof ConnectAuthentication caller
                && request.getRequestURI().startsWith(request.getContextPath() + "/api/")
                && !licences.isLicensed(caller.getPrincipal().tenant())) {
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("type", "/problems/licence-required");
            problem.put("title", "Licence required");
            problem.put("status", HttpStatus.PAYMENT_REQUIRED.value());
            problem.put(
                    "detail",
                    "Casewright has no active licence on this site. Ask your Jira administrator to renew it or start "
                            + "a trial.");
            response.setStatus(HttpStatus.PAYMENT_REQUIRED.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            json.writeValue(response.getOutputStream(), problem);
            return;
        }
        chain.doFilter(request, response);
    }
}
