package dev.casewright.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KeysetToolTests {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String stdin, String... args) throws IOException {
        out.reset();
        return KeysetTool.run(
                args,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8).trim();
    }

    @Test
    void newPrintsAKeysetTheServiceAccepts() throws IOException {
        assertThat(run("", "new")).isZero();

        SecretCipher cipher = TestKeysets.cipher(output());
        var binding = new SecretBinding("owner", "purpose");
        assertThat(cipher.decrypt(cipher.encrypt("x", binding), binding)).isEqualTo("x");
    }

    @Test
    void rotateAddsANewPrimaryKeyAndKeepsTheOldOne() throws IOException {
        run("", "new");
        String original = output();

        assertThat(run(original, "rotate")).isZero();
        String rotated = output();
        run(rotated, "info");

        assertThat(output().lines())
                .hasSize(2)
                .filteredOn(line -> line.endsWith("primary"))
                .hasSize(1);
        var binding = new SecretBinding("owner", "purpose");
        byte[] old = TestKeysets.cipher(original).encrypt("old", binding);
        assertThat(TestKeysets.cipher(rotated).decrypt(old, binding)).isEqualTo("old");
    }

    @Test
    void infoShowsNoKeyMaterial() throws IOException {
        run("", "new");
        String keyset = output();

        run(keyset, "info");

        assertThat(output()).matches("key \\d+ ENABLED primary").doesNotContain("value");
    }

    @Test
    void anUnknownCommandPrintsUsageAndFails() throws IOException {
        assertThat(run("", "delete-everything")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage");
    }

    @Test
    void aBrokenKeysetIsRejectedWithoutEchoingIt() {
        assertThatThrownBy(() -> run("{\"primaryKeyId\": 1, \"key\": \"not-a-key-SECRETVALUE\"}", "info"))
                .isInstanceOf(Keysets.InvalidKeysetException.class)
                .hasMessageNotContaining("SECRETVALUE");
    }
}
