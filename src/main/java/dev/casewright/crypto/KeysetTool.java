package dev.casewright.crypto;

import com.google.crypto.tink.KeysetHandle;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Operator command for keysets, run from the packaged jar without starting the service:
 *
 * <pre>
 * java -cp casewright.jar -Dloader.main=dev.casewright.crypto.KeysetTool \
 *      org.springframework.boot.loader.launch.PropertiesLauncher new
 * </pre>
 *
 * <ul>
 *   <li>{@code new}: print a new AES256-GCM keyset (JSON) for {@code CASEWRIGHT_CRYPTO_KEYSET}.
 *   <li>{@code rotate}: read a keyset on standard input, print it with a new primary key added.
 *       Deploy it; the service then re-encrypts stored secrets under the new key. Old keys stay
 *       and keep decrypting until you remove them, which is safe once every instance has logged
 *       "All stored secrets use the primary key".
 *   <li>{@code info}: read a keyset on standard input, print key ids and status (no key material).
 * </ul>
 */
public final class KeysetTool {

    private KeysetTool() {}

    public static void main(String[] args) throws IOException {
        System.exit(run(args, System.in, System.out, System.err));
    }

    static int run(String[] args, InputStream in, PrintStream out, PrintStream err) throws IOException {
        String command = args.length == 1 ? args[0] : "";
        switch (command) {
            case "new" -> out.println(Keysets.toJson(Keysets.generate()));
            case "rotate" -> out.println(Keysets.toJson(Keysets.rotate(read(in))));
            case "info" -> describe(read(in), out);
            default -> {
                err.println("usage: KeysetTool new | rotate < keyset.json | info < keyset.json");
                return 2;
            }
        }
        return 0;
    }

    private static KeysetHandle read(InputStream in) throws IOException {
        return Keysets.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }

    private static void describe(KeysetHandle keyset, PrintStream out) {
        for (int i = 0; i < keyset.size(); i++) {
            KeysetHandle.Entry entry = keyset.getAt(i);
            out.printf(
                    "key %d %s%s%n",
                    Integer.toUnsignedLong(entry.getId()), entry.getStatus(), entry.isPrimary() ? " primary" : "");
        }
    }
}
