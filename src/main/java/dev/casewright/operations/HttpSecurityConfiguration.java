package dev.casewright.operations;

import jakarta.servlet.DispatcherType;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service's only security filter chain. Stateless (no session, no CSRF token: callers prove
 * who they are with a signed token on every request), deny by default.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class HttpSecurityConfiguration {

    static final String METRICS_PATH = "/actuator/prometheus";
    static final String OPERATOR_ROLE = "OPERATOR";

    /** Always public: liveness/readiness for load balancers, error rendering, static page assets. */
    private static final List<String> PUBLIC_PATHS =
            List.of("/actuator/health", "/actuator/health/**", "/error", "/ui/**", "/favicon.ico");

    @Bean
    SecurityFilterChain securityFilterChain(
            HttpSecurity http,
            ObjectProvider<HttpSecurityContribution> contributionBeans,
            OperationsProperties properties,
            JsonMapper json)
            throws Exception {
        List<HttpSecurityContribution> contributions =
                contributionBeans.orderedStream().toList();
        List<String> publicPaths = new ArrayList<>(PUBLIC_PATHS);
        contributions.forEach(contribution -> publicPaths.addAll(contribution.publicPaths()));
        List<String> challenges = contributions.stream()
                .flatMap(contribution -> contribution.challenges().stream())
                .toList();

        http.securityMatcher(AnyRequestMatcher.INSTANCE)
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .headers(headers -> headers.httpStrictTransportSecurity(hsts -> hsts
                                // Behind TLS-terminating proxies the request may look like http; the header
                                // is harmless there and browsers only honour it over https.
                                .requestMatcher(AnyRequestMatcher.INSTANCE)
                                .includeSubDomains(true)
                                .maxAgeInSeconds(31_536_000))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                        // Pages that Jira frames set their own policy; everything else is never framed.
                        .frameOptions(frame -> frame.disable())
                        .contentSecurityPolicy(
                                csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'")))
                .authorizeHttpRequests(requests -> requests
                        // The dispatch that ends a streamed response (SSE) belongs to a request that
                        // was authorized when it arrived; our stateless chain keeps no context to
                        // authorize it again, and refusing it would break the finished stream.
                        .dispatcherTypeMatchers(DispatcherType.ASYNC)
                        .permitAll()
                        .requestMatchers(publicPaths.toArray(String[]::new))
                        .permitAll()
                        .requestMatchers(METRICS_PATH)
                        .hasRole(OPERATOR_ROLE)
                        .anyRequest()
                        .authenticated())
                .exceptionHandling(errors -> errors.authenticationEntryPoint((request, response, e) -> {
                            challenges.forEach(challenge -> response.addHeader("WWW-Authenticate", challenge));
                            Problems.write(
                                    request,
                                    response,
                                    json,
                                    HttpStatus.UNAUTHORIZED,
                                    "This request needs a valid token from Jira. If you opened Casewright in Jira, "
                                            + "reload the page.",
                                    null);
                        })
                        .accessDeniedHandler((request, response, e) -> Problems.write(
                                request,
                                response,
                                json,
                                HttpStatus.FORBIDDEN,
                                "You are not allowed to do this.",
                                null)))
                .addFilterBefore(new MetricsTokenFilter(properties.metricsToken()), AuthorizationFilter.class);
        for (HttpSecurityContribution contribution : contributions) {
            contribution.configure(http);
        }
        return http.build();
    }
}
