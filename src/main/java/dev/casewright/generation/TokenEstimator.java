package dev.casewright.generation;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Counts tokens before anything is sent, with OpenAI's o200k_base encoding (GPT-4o family). For
 * other providers it is an estimate: their tokenizers differ by some ten to twenty percent on
 * English text, which is close enough for a preview and a budget check; the provider's reported
 * usage is what gets recorded.
 */
@Component
class TokenEstimator {

    // Loading the vocabulary takes a second or two: done on first use, not at start-up.
    private volatile @Nullable Encoding encoding;

    long count(String text) {
        return text.isEmpty() ? 0 : encoding().countTokensOrdinary(text);
    }

    private Encoding encoding() {
        Encoding loaded = encoding;
        if (loaded == null) {
            synchronized (this) {
                loaded = encoding;
                if (loaded == null) {
                    loaded = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
                    encoding = loaded;
                }
            }
        }
        return loaded;
    }
}
