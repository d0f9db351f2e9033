package dev.casewright.connect;

import dev.casewright.operations.HttpSecurityContribution;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class ConnectConfiguration {

    @Bean
    ConnectDescriptor connectDescriptor(JsonMapper json, Environment environment, ConnectProperties properties) {
        return ConnectDescriptor.load(json, environment, properties);
    }

    @Bean
    HttpSecurityContribution connectHttpSecurity() {
        return new HttpSecurityContribution() {
            @Override
            public List<String> publicPaths() {
                // Jira (and whoever installs the app) fetches the descriptor without credentials.
                return List.of(DescriptorController.PATH);
            }
        };
    }
}
