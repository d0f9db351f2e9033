package dev.casewright.crypto;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param keyset the Tink keyset as JSON (env {@code CASEWRIGHT_CRYPTO_KEYSET}); required outside the
 *     {@code dev} profile
 * @param devKeysetFile where the {@code dev} profile keeps the keyset it generates when none is set
 * @param reEncryptEvery how often stored secrets not under the primary key are re-encrypted
 * @param reEncryptFirstAfter delay before the first re-encryption run after start-up
 */
@Validated
@ConfigurationProperties("casewright.crypto")
record CryptoProperties(
        @Nullable String keyset,

        @NotNull @DefaultValue("./data/casewright-dev-keyset.json")
        Path devKeysetFile,

        @NotNull @DefaultValue("PT6H") Duration reEncryptEvery,
        @NotNull @DefaultValue("PT1M") Duration reEncryptFirstAfter) {}
