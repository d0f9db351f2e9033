package dev.casewright.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.casewright.Application;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

@ExtendWith(OutputCaptureExtension.class)
class KeysetStartupIntegrationTests {

    private static final SecretBinding BINDING = new SecretBinding("tenant", "purpose");

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(CryptoProperties.class)
    @Import(CryptoConfiguration.class)
    static class CryptoOnly {}

    private final ApplicationContextRunner crypto =
            new ApplicationContextRunner().withUserConfiguration(CryptoOnly.class);

    @Test
    void theServiceRefusesToStartOutsideTheDevProfileWithoutAKeysetAndSaysHowToCreateOne() {
        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(Application.class)
                .profiles("prod")
                .properties("server.port=0", "casewright.crypto.keyset=")
                .run()
                .close());

        assertThat(failure).hasRootCauseInstanceOf(MissingKeysetException.class);
        var analysis = new MissingKeysetFailureAnalyzer().analyze(failure);
        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).contains("CASEWRIGHT_CRYPTO_KEYSET");
        assertThat(analysis.getAction()).contains("KeysetTool", "new", "CASEWRIGHT_CRYPTO_KEYSET");
    }

    @Test
    void aConfiguredKeysetIsUsedOutsideTheDevProfile() {
        String keyset = TestKeysets.newKeyset();
        byte[] ciphertext = TestKeysets.cipher(keyset).encrypt("secret", BINDING);

        crypto.withInitializer(context -> context.getEnvironment().setActiveProfiles("prod"))
                .withPropertyValues("casewright.crypto.keyset=" + keyset)
                .run(context -> assertThat(context.getBean(SecretCipher.class).decrypt(ciphertext, BINDING))
                        .isEqualTo("secret"));
    }

    @Test
    void aMalformedKeysetStopsTheStartWithoutEchoingIt() {
        crypto.withInitializer(context -> context.getEnvironment().setActiveProfiles("prod"))
                .withPropertyValues("casewright.crypto.keyset={\"key\":\"LEAKED-MATERIAL\"}")
                .run(context -> {
                    assertThat(context).hasFailed();
                    var analysis = new MissingKeysetFailureAnalyzer().analyze(context.getStartupFailure());
                    assertThat(analysis).isNotNull();
                    assertThat(analysis.getDescription()).doesNotContain("LEAKED-MATERIAL");
                });
    }

    @Test
    void theDevProfileGeneratesAKeysetOnceWithALoudWarningAndKeepsUsingIt(@TempDir Path dir, CapturedOutput output)
            throws Exception {
        Path file = dir.resolve("data/dev-keyset.json");
        ApplicationContextRunner dev = crypto.withInitializer(
                        context -> context.getEnvironment().setActiveProfiles("dev"))
                .withPropertyValues("casewright.crypto.dev-keyset-file=" + file);
        byte[][] ciphertext = new byte[1][];

        dev.run(context -> ciphertext[0] = context.getBean(SecretCipher.class).encrypt("kept", BINDING));
        String firstKeyset = Files.readString(file);
        dev.run(context -> assertThat(context.getBean(SecretCipher.class).decrypt(ciphertext[0], BINDING))
                .isEqualTo("kept"));

        assertThat(Files.readString(file)).isEqualTo(firstKeyset);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(output)
                .contains("DEVELOPMENT KEYSET", "Generated a development keyset", "Never use the dev profile");
    }
}
