package dev.casewright.generation.evaluation;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.casewright.Application;
import dev.casewright.generation.DuplicatePair;
import dev.casewright.generation.GeneratedScenario;
import dev.casewright.generation.GenerationRequest;
import dev.casewright.generation.GenerationResult;
import dev.casewright.generation.MeasuredGeneration;
import dev.casewright.tenancy.HostUser;
import dev.casewright.tenancy.TenantId;
import dev.casewright.tenancy.Tenants;
import dev.casewright.tenancy.TestTenants;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import tools.jackson.databind.json.JsonMapper;

/**
 * The evaluation command (issue 5): every fixture issue through one one-shot generation, against
 * the model the environment names, with a table of numbers per issue and totals. Run it with
 * {@code mvn -q -Peval test-compile exec:exec}; README.md ("Evaluating a model") and
 * docs/evaluation.md explain the variables and the columns.
 *
 * <p>The application runs as the tests run it (H2 in memory, the dev keyset); a local WireMock
 * plays the Jira site and serves the fixture issues; the model is the operator default
 * ({@code casewright.generation.default.*}) built from the variables, so the tenant needs no
 * settings. Only numbers are printed: issue text, prompts and scenarios only with {@code
 * CASEWRIGHT_EVAL_SHOW=1}. Attachments are left out (the fixtures have none to download).
 */
public final class GenerationEvaluation {

    static final String ACCOUNT_ID = "5b10a2844c20165700ede21g";
    static final Set<String> NEEDS_KEY = Set.of("openai", "azure-openai", "anthropic", "gemini");
    static final Set<String> NEEDS_BASE_URL = Set.of("azure-openai", "ollama", "openai-compatible");
    static final List<String> PROVIDERS =
            List.of("none", "openai", "azure-openai", "anthropic", "gemini", "ollama", "openai-compatible");

    private GenerationEvaluation() {}

    /** What the environment asks for. */
    record Settings(
            String provider,
            @Nullable String model,
            @Nullable String apiKey,
            @Nullable String baseUrl,
            int count,
            boolean show,
            @Nullable Set<String> issues) {

        static Settings fromEnvironment(Map<String, String> env) {
            String provider = orNull(env.get("CASEWRIGHT_EVAL_PROVIDER"));
            String issues = orNull(env.get("CASEWRIGHT_EVAL_ISSUES"));
            String count = orNull(env.get("CASEWRIGHT_EVAL_COUNT"));
            return new Settings(
                    provider == null ? "none" : provider.toLowerCase(Locale.ROOT),
                    orNull(env.get("CASEWRIGHT_EVAL_MODEL")),
                    orNull(env.get("CASEWRIGHT_EVAL_API_KEY")),
                    orNull(env.get("CASEWRIGHT_EVAL_BASE_URL")),
                    count == null ? 8 : Integer.parseInt(count),
                    "1".equals(env.get("CASEWRIGHT_EVAL_SHOW")),
                    issues == null
                            ? null
                            : new LinkedHashSet<>(Arrays.asList(
                                    issues.toUpperCase(Locale.ROOT).split("\\s*,\\s*"))));
        }

        /** What is missing to run, or empty when the settings are complete. */
        List<String> missing() {
            List<String> missing = new ArrayList<>();
            if (!PROVIDERS.contains(provider)) {
                missing.add("CASEWRIGHT_EVAL_PROVIDER must be one of " + PROVIDERS + " (was " + provider + ")");
                return missing;
            }
            if (!"none".equals(provider) && model == null) {
                missing.add("CASEWRIGHT_EVAL_MODEL (the model name, e.g. gpt-4o-mini) is needed for " + provider);
            }
            if (NEEDS_KEY.contains(provider) && apiKey == null) {
                missing.add("CASEWRIGHT_EVAL_API_KEY is needed for " + provider);
            }
            if (NEEDS_BASE_URL.contains(provider) && baseUrl == null) {
                missing.add("CASEWRIGHT_EVAL_BASE_URL is needed for " + provider);
            }
            return missing;
        }

        private static @Nullable String orNull(@Nullable String value) {
            return value == null || value.isBlank() ? null : value.strip();
        }
    }

    /** The numbers of one issue's generation; a failed one has only the problem type and time. */
    record Row(
            String issue,
            int criteriaFound,
            int criteriaExpected,
            int scenarios,
            int valid,
            int covered,
            int criteria,
            int inDuplicatePairs,
            long tokens,
            int calls,
            int repairRounds,
            long millis,
            @Nullable String failure) {

        static Row failed(String issue, int criteriaExpected, long millis, String problemType) {
            return new Row(issue, 0, criteriaExpected, 0, 0, 0, 0, 0, 0, 0, 0, millis, problemType);
        }
    }

    public static void main(String[] args) {
        Settings settings = Settings.fromEnvironment(System.getenv());
        List<String> missing = settings.missing();
        if (!missing.isEmpty()) {
            usage(System.err, missing);
            System.exit(2);
        }
        System.exit(run(settings, System.out));
    }

    static void usage(PrintStream out, List<String> missing) {
        out.println("Cannot evaluate: " + String.join("; ", missing) + ".");
        out.println();
        out.println("Run the fixture corpus against a model with, for example:");
        out.println("  CASEWRIGHT_EVAL_PROVIDER=openai CASEWRIGHT_EVAL_MODEL=gpt-4o-mini \\");
        out.println("  CASEWRIGHT_EVAL_API_KEY=sk-... mvn -q -Peval test-compile exec:exec");
        out.println("Providers: " + PROVIDERS + "; azure-openai, ollama and openai-compatible also need");
        out.println("CASEWRIGHT_EVAL_BASE_URL; provider none (the rule-based writer) needs nothing.");
        out.println("Optional: CASEWRIGHT_EVAL_COUNT (scenarios asked for, default 8), CASEWRIGHT_EVAL_ISSUES");
        out.println("(comma-separated fixture keys), CASEWRIGHT_EVAL_SHOW=1 (also print the generated suites).");
    }

    static int run(Settings settings, PrintStream out) {
        Map<String, String> issues = fixtureIssues(settings.issues());
        WireMockServer jira = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        jira.start();
        ConfigurableApplicationContext app = null;
        try {
            jira.stubFor(post("/oauth2/token")
                    .willReturn(okJson(
                            "{\"access_token\":\"eval-user-token\",\"expires_in\":900,\"token_type\":\"Bearer\"}")));
            issues.forEach((key, json) ->
                    jira.stubFor(get(urlPathEqualTo("/rest/api/3/issue/" + key)).willReturn(okJson(json))));
            app = start(settings, jira.baseUrl());
            TenantId tenant = TestTenants.newSite(app.getBean(Tenants.class), URI.create(jira.baseUrl()));
            var user = new HostUser(tenant, ACCOUNT_ID);
            var generations = new MeasuredGeneration(app);
            var request = new GenerationRequest(settings.count(), null, null, List.of(), null, null);
            long loading = System.nanoTime();
            generations.loadEmbeddingModel();
            out.printf(
                    Locale.ROOT,
                    "Embedding model of the duplicate check loaded in %.1f s (not in the wall times below)%n",
                    (System.nanoTime() - loading) / 1e9);

            out.printf(
                    "Evaluating provider %s%s on %d fixture issues, %d scenarios asked for each%n%n",
                    settings.provider(),
                    settings.model() == null ? "" : " (model " + settings.model() + ")",
                    issues.size(),
                    settings.count());
            List<Row> rows = new ArrayList<>();
            Map<String, String> shown = new TreeMap<>();
            for (String key : issues.keySet()) {
                int expected = expectedCriteria(key);
                long start = System.nanoTime();
                try {
                    var generated = generations.generate(user, key, request);
                    long millis = (System.nanoTime() - start) / 1_000_000;
                    rows.add(row(key, expected, generated, millis));
                    if (settings.show()) {
                        shown.put(key, shown(generated.result()));
                    }
                } catch (RuntimeException failure) {
                    long millis = (System.nanoTime() - start) / 1_000_000;
                    rows.add(Row.failed(key, expected, millis, generations.problemType(failure)));
                }
            }
            print(out, rows);
            shown.forEach((key, text) -> out.printf("%n===== %s =====%n%s%n", key, text));
            return rows.stream().allMatch(row -> row.failure() != null) ? 1 : 0;
        } finally {
            if (app != null) {
                app.close();
            }
            jira.stop();
        }
    }

    private static ConfigurableApplicationContext start(Settings settings, String jiraBaseUrl) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("server.port", "0");
        properties.put("spring.main.banner-mode", "off");
        // Errors only: the numbers are the output (and the service logs no text at any level).
        properties.put("logging.level.root", "ERROR");
        properties.put(
                "spring.datasource.url",
                "jdbc:h2:mem:eval-" + UUID.randomUUID()
                        + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1");
        properties.put("casewright.connect.oauth-token-url", jiraBaseUrl + "/oauth2/token");
        properties.put("casewright.generation.default.provider", settings.provider());
        if (settings.model() != null) {
            properties.put("casewright.generation.default.model", settings.model());
        }
        if (settings.baseUrl() != null) {
            properties.put("casewright.generation.default.base-url", settings.baseUrl());
        }
        if (settings.apiKey() != null) {
            properties.put("casewright.generation.default.api-key", settings.apiKey());
        }
        // One generation at a time here, but never let the per-tenant cap refuse one.
        properties.put("casewright.generation.max-concurrent-per-tenant", "64");
        // As command-line arguments: they win over the application's and the tests' properties files.
        return new SpringApplicationBuilder(Application.class)
                .run(properties.entrySet().stream()
                        .map(property -> "--" + property.getKey() + "=" + property.getValue())
                        .toArray(String[]::new));
    }

    private static Row row(String key, int expected, MeasuredGeneration.Generated generated, long millis) {
        GenerationResult result = generated.result();
        List<GeneratedScenario> scenarios = result.scenarios();
        Set<String> paired = new LinkedHashSet<>();
        for (DuplicatePair pair : result.duplicates()) {
            paired.add(pair.a());
            paired.add(pair.b());
        }
        return new Row(
                key,
                result.coverage().total(),
                expected,
                scenarios.size(),
                (int) scenarios.stream().filter(GeneratedScenario::valid).count(),
                result.coverage().covered(),
                result.coverage().total(),
                paired.size(),
                result.usage().inputTokens() + result.usage().outputTokens(),
                result.usage().calls(),
                generated.repairRounds(),
                millis,
                null);
    }

    private static String shown(GenerationResult result) {
        var text = new StringBuilder(result.feature());
        result.scenarios().stream()
                .filter(scenario -> !scenario.valid())
                .forEach(scenario -> text.append("\n# invalid ")
                        .append(scenario.id())
                        .append(": ")
                        .append(scenario.errors()));
        result.warnings().forEach(warning -> text.append("\n# warning: ").append(warning));
        return text.toString();
    }

    static void print(PrintStream out, List<Row> rows) {
        out.println("| Issue | ACs found / expected | Scenarios | Valid | AC coverage | In duplicate pairs | Tokens "
                + "per scenario | Model calls | Repair rounds | Wall time (s) | Failure |");
        out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        for (Row row : rows) {
            if (row.failure() != null) {
                out.printf(
                        Locale.ROOT,
                        "| %s | – / %d | – | – | – | – | – | – | – | %.1f | %s |%n",
                        row.issue(),
                        row.criteriaExpected(),
                        row.millis() / 1000.0,
                        row.failure());
                continue;
            }
            out.printf(
                    Locale.ROOT,
                    "| %s | %d / %d | %d | %s | %s | %s | %s | %d | %d | %.1f | |%n",
                    row.issue(),
                    row.criteriaFound(),
                    row.criteriaExpected(),
                    row.scenarios(),
                    percent(row.valid(), row.scenarios()),
                    percent(row.covered(), row.criteria()),
                    percent(row.inDuplicatePairs(), row.scenarios()),
                    perScenario(row.tokens(), row.scenarios()),
                    row.calls(),
                    row.repairRounds(),
                    row.millis() / 1000.0);
        }
        List<Row> done = rows.stream().filter(row -> row.failure() == null).toList();
        int scenarios = done.stream().mapToInt(Row::scenarios).sum();
        long tokens = done.stream().mapToLong(Row::tokens).sum();
        Map<String, Integer> failures = new TreeMap<>();
        rows.stream()
                .filter(row -> row.failure() != null)
                .forEach(row -> failures.merge(row.failure(), 1, Integer::sum));
        long[] millis = rows.stream().mapToLong(Row::millis).sorted().toArray();
        out.println();
        out.printf("Issues: %d generated, %d failed%n", done.size(), rows.size() - done.size());
        out.printf(
                "Scenario validity (valid Gherkin after repair): %s (%d of %d)%n",
                percent(done.stream().mapToInt(Row::valid).sum(), scenarios),
                done.stream().mapToInt(Row::valid).sum(),
                scenarios);
        out.printf(
                "AC coverage (covered / total criteria): %s (%d of %d)%n",
                percent(
                        done.stream().mapToInt(Row::covered).sum(),
                        done.stream().mapToInt(Row::criteria).sum()),
                done.stream().mapToInt(Row::covered).sum(),
                done.stream().mapToInt(Row::criteria).sum());
        out.printf(
                "Criteria found / expected by the fixtures: %d / %d%n",
                done.stream().mapToInt(Row::criteriaFound).sum(),
                done.stream().mapToInt(Row::criteriaExpected).sum());
        out.printf(
                "Duplicate rate (scenarios in a near-duplicate pair / scenarios): %s (%d of %d)%n",
                percent(done.stream().mapToInt(Row::inDuplicatePairs).sum(), scenarios),
                done.stream().mapToInt(Row::inDuplicatePairs).sum(),
                scenarios);
        out.printf(
                "Tokens per scenario (input + output): %s (%d tokens in %d model calls)%n",
                perScenario(tokens, scenarios),
                tokens,
                done.stream().mapToInt(Row::calls).sum());
        out.printf(
                "Repairs needed: %d round(s) in %d of %d generations%n",
                done.stream().mapToInt(Row::repairRounds).sum(),
                done.stream().filter(row -> row.repairRounds() > 0).count(),
                done.size());
        out.printf("Failures by problem type: %s%n", failures.isEmpty() ? "none" : failures);
        out.printf(
                Locale.ROOT,
                "Wall time: %.1f s in all, per issue median %.1f s, max %.1f s%n",
                Arrays.stream(millis).sum() / 1000.0,
                millis.length == 0 ? 0.0 : millis[millis.length / 2] / 1000.0,
                millis.length == 0 ? 0.0 : millis[millis.length - 1] / 1000.0);
    }

    private static String percent(long part, long whole) {
        return whole == 0 ? "–" : String.format(Locale.ROOT, "%.1f %%", 100.0 * part / whole);
    }

    private static String perScenario(long tokens, int scenarios) {
        return scenarios == 0 ? "–" : String.format(Locale.ROOT, "%.0f", (double) tokens / scenarios);
    }

    /** The fixture issues by key, in key order, as Jira's REST API v3 would answer. */
    static Map<String, String> fixtureIssues(@Nullable Set<String> only) {
        try {
            Map<String, String> issues = new TreeMap<>();
            for (Resource resource :
                    new PathMatchingResourcePatternResolver().getResources("classpath:fixtures/jira/issues/*.json")) {
                String name = String.valueOf(resource.getFilename());
                String key = name.substring(0, name.length() - ".json".length());
                if (only == null || only.contains(key)) {
                    issues.put(key, resource.getContentAsString(StandardCharsets.UTF_8));
                }
            }
            return issues;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int expectedCriteria(String key) {
        var expected = GenerationEvaluation.class.getResourceAsStream(
                "/fixtures/generation/criteria/" + key + ".expected.json");
        if (expected == null) {
            return 0;
        }
        try (expected) {
            return JsonMapper.shared()
                    .readTree(expected)
                    .path("acceptanceCriteria")
                    .size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
