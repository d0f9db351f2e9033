package dev.casewright.crypto;

import com.google.crypto.tink.KeysetHandle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
class CryptoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CryptoConfiguration.class);

    @Bean
    SecretCipher secretCipher(CryptoProperties properties, Environment environment) {
        return new SecretCipher(loadKeyset(properties, environment.acceptsProfiles(Profiles.of("dev"))));
    }

    @Bean
    SecretReEncryption secretReEncryption(SecretCipher cipher, ObjectProvider<EncryptedSecretStore> stores) {
        return new SecretReEncryption(cipher, stores.orderedStream().toList());
    }

    static KeysetHandle loadKeyset(CryptoProperties properties, boolean devProfile) {
        String configured = properties.keyset();
        if (configured != null && !configured.isBlank()) {
            return Keysets.parse(configured);
        }
        if (!devProfile) {
            throw new MissingKeysetException();
        }
        return devKeyset(properties.devKeysetFile());
    }

    private static KeysetHandle devKeyset(Path file) {
        try {
            if (Files.exists(file)) {
                warn("Using the development keyset in " + file.toAbsolutePath()
                        + ". Never use the dev profile or this keyset in production.");
                return Keysets.parse(Files.readString(file, StandardCharsets.UTF_8));
            }
            KeysetHandle keyset = Keysets.generate();
            writeOwnerOnly(file, Keysets.toJson(keyset));
            warn("Generated a development keyset in " + file.toAbsolutePath()
                    + ". Secrets stored now are readable only with that file. Never use the dev profile or this "
                    + "keyset in production: set CASEWRIGHT_CRYPTO_KEYSET there.");
            return keyset;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or write the development keyset " + file, e);
        }
    }

    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temp = Files.createTempFile(parent, "keyset", ".tmp");
        try {
            restrictToOwner(temp);
            Files.writeString(temp, content, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
            Files.move(temp, file);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    private static void warn(String message) {
        String rule = "*".repeat(100);
        log.warn("\n{}\n*** DEVELOPMENT KEYSET ***\n{}\n{}", rule, message, rule);
    }
}
