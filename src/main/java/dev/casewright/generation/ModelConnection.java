package dev.casewright.generation;

import java.net.URI;
import java.time.Duration;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which model to call and how: a tenant's own settings, or the operator's default. The API key is
 * held in memory only for building the client; {@link #toString()} never shows it.
 *
 * @param provider {@code openai}, {@code azure-openai}, {@code anthropic}, {@code gemini},
 *     {@code ollama}, {@code openai-compatible} (vLLM, LiteLLM, LocalAI...) or {@code none}
 * @param baseUrl the provider's API base; required for Azure, Ollama and OpenAI-compatible servers
 */
record ModelConnection(
        String provider,
        String model,
        @Nullable URI baseUrl,
        @Nullable String apiKey,
        Duration timeout) {

    static final Set<String> PROVIDERS =
            Set.of("openai", "azure-openai", "anthropic", "gemini", "ollama", "openai-compatible", "none");

    ModelConnection {
        if (!PROVIDERS.contains(provider)) {
            throw new IllegalArgumentException("unknown model provider " + provider + "; one of " + PROVIDERS);
        }
        if (!"none".equals(provider) && model.isBlank()) {
            throw new IllegalArgumentException("a model name is needed for provider " + provider);
        }
        boolean needsBaseUrl =
                Set.of("azure-openai", "ollama", "openai-compatible").contains(provider);
        if (needsBaseUrl && baseUrl == null) {
            throw new IllegalArgumentException("provider " + provider + " needs a base URL");
        }
        boolean needsKey =
                Set.of("openai", "azure-openai", "anthropic", "gemini").contains(provider);
        if (needsKey && (apiKey == null || apiKey.isBlank())) {
            throw new IllegalArgumentException("provider " + provider + " needs an API key");
        }
    }

    @Override
    public String toString() {
        return "ModelConnection[provider=" + provider + ", model=" + model + ", baseUrl=" + baseUrl + ", apiKey="
                + (apiKey == null ? "none" : "<set>") + ", timeout=" + timeout + "]";
    }
}
