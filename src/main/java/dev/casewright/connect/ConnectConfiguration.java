package dev.casewright.connect;

import dev.casewright.operations.HttpSecurityContribution;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class ConnectConfiguration {

    @Bean
    ConnectDescriptor connectDescriptor(JsonMapper json, Environment environment, ConnectProperties properties) {
        return ConnectDescriptor.load(json, environment, properties);
    }

    @Bean
    HttpSecurityContribution connectHttpSecurity(
            ConnectProperties properties, ConnectTokenVerifier verifier, LicenceCheck licences, JsonMapper json) {
        return new HttpSecurityContribution() {
            @Override
            public List<String> publicPaths() {
                // Jira (and whoever installs the app) fetches the descriptor without credentials.
                return List.of(DescriptorController.PATH);
            }

            @Override
            public List<String> challenges() {
                return List.of("JWT realm=\"" + properties.appKey() + "\"");
            }

            @Override
            public void configure(HttpSecurity http) {
                // Created here, not as beans: as beans Spring Boot would also run them outside the chain.
                http.addFilterBefore(new ConnectAuthenticationFilter(verifier), AuthorizationFilter.class);
                http.addFilterAfter(new LicenceFilter(licences, json), ConnectAuthenticationFilter.class);
            }
        };
    }
}
