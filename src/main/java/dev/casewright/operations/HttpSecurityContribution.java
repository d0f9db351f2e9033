package dev.casewright.operations;

import java.util.List;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/**
 * A module's part of the single security filter chain: the routes it serves to anyone, and the
 * authentication filters it adds (Connect JWT, Forge Invocation Token). Everything not declared
 * public requires an authenticated caller.
 */
public interface HttpSecurityContribution {

    /** Ant-style paths anyone may request, for example the Connect descriptor. */
    default List<String> publicPaths() {
        return List.of();
    }

    /**
     * {@code WWW-Authenticate} challenges sent with every 401, for example
     * {@code JWT realm="<app key>"}.
     */
    default List<String> challenges() {
        return List.of();
    }

    /** Adds this module's authentication to the chain. */
    default void configure(HttpSecurity http) throws Exception {}
}
