package dev.casewright.gherkin;

import io.cucumber.gherkin.GherkinParser;
import io.cucumber.messages.types.Envelope;
import io.cucumber.messages.types.GherkinDocument;
import io.cucumber.messages.types.Location;
import io.cucumber.messages.types.ParseError;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads {@code .feature} text with the official Cucumber parser and checks what that parser lets through.
 *
 * <p>The Cucumber parser is lenient: a second {@code Feature:} line, or steps written directly under
 * {@code Feature:}, become description text without an error. Model output makes exactly these mistakes,
 * so this class checks the structure itself and reports each problem with its line.
 *
 * <p>Stateless and thread-safe.
 */
public final class FeatureParser {

    private static final String SOURCE_URI = "casewright.feature";
    private static final String SCENARIO_FEATURE_NAME = "Scenario under validation";
    private static final Pattern LOCATION_PREFIX = Pattern.compile("^\\((\\d+):(\\d+)\\): ");

    /** Parses a whole feature: its structure, or the errors that make it unusable. */
    public ParsedFeature parse(String featureText) {
        Reading reading = read(featureText);
        return new ParsedFeature(reading.feature(), reading.errors());
    }

    /**
     * Validates one scenario given as text that starts at {@code Scenario:} or {@code Scenario Outline:}
     * (tag lines may come first), in the given Gherkin language ({@code null} for English). Error lines are
     * counted in {@code scenarioText}.
     */
    public ValidationResult validateScenario(String scenarioText, @Nullable String language) {
        Optional<Dialect> dialect = Dialect.find(language);
        if (dialect.isEmpty()) {
            return new ValidationResult(null, List.of(new GherkinError(1, 1, "unknown Gherkin language: " + language)));
        }
        // The parser only reads whole features, so the scenario gets a minimal one around it.
        String header = (language == null ? "" : "# language: " + language + "\n")
                + dialect.get().feature() + ": " + SCENARIO_FEATURE_NAME + "\n";
        int headerLines = (int) header.chars().filter(c -> c == '\n').count();
        Reading reading = read(header + scenarioText);

        List<GherkinError> errors = new ArrayList<>();
        for (GherkinError error : reading.errors()) {
            if (error.line() > headerLines) {
                errors.add(new GherkinError(error.line() - headerLines, error.column(), error.message()));
            } else if (!error.message().equals(Reading.NO_SCENARIOS)) {
                errors.add(new GherkinError(1, 1, error.message()));
            }
        }
        Feature feature = reading.feature();
        if (feature == null) {
            return new ValidationResult(null, errors);
        }
        if (reading.backgroundLine() > 0) {
            errors.add(new GherkinError(
                    Math.max(1, reading.backgroundLine() - headerLines),
                    1,
                    "a scenario cannot contain a Background; put its steps into the scenario"));
        }
        List<Integer> scenarioLines = reading.scenarioLines();
        if (scenarioLines.isEmpty()) {
            errors.add(new GherkinError(
                    1, 1, "no scenario: the text must start with Scenario: or Scenario Outline: (after any tags)"));
            return new ValidationResult(null, sorted(errors));
        }
        if (scenarioLines.size() > 1) {
            errors.add(new GherkinError(
                    scenarioLines.get(1) - headerLines,
                    1,
                    "expected one scenario, found " + scenarioLines.size() + "; validate each scenario on its own"));
        }
        return new ValidationResult(feature.scenarios().get(0), sorted(errors));
    }

    private static List<GherkinError> sorted(List<GherkinError> errors) {
        return errors.stream()
                .sorted(Comparator.comparingInt(GherkinError::line).thenComparingInt(GherkinError::column))
                .toList();
    }

    private static Reading read(String text) {
        // Pickles are not needed to check structure, and compiling them costs as much as parsing.
        AtomicLong ids = new AtomicLong();
        GherkinParser parser = GherkinParser.builder()
                .includeSource(false)
                .includePickles(false)
                .idGenerator(() -> Long.toString(ids.incrementAndGet()))
                .build();
        List<Envelope> envelopes =
                parser.parse(SOURCE_URI, text.getBytes(StandardCharsets.UTF_8)).toList();

        List<GherkinError> parseErrors = envelopes.stream()
                .map(Envelope::getParseError)
                .flatMap(Optional::stream)
                .map(FeatureParser::toError)
                .toList();
        if (!parseErrors.isEmpty()) {
            return Reading.failed(parseErrors);
        }
        Optional<GherkinDocument> document = envelopes.stream()
                .map(Envelope::getGherkinDocument)
                .flatMap(Optional::stream)
                .findFirst();
        if (document.isEmpty()) {
            return Reading.failed(List.of(new GherkinError(1, 1, "the Gherkin parser returned no document")));
        }
        return Reading.of(document.get(), text);
    }

    private static GherkinError toError(ParseError parseError) {
        String message = parseError.getMessage();
        Matcher prefix = LOCATION_PREFIX.matcher(message);
        Optional<Location> location = parseError.getSource().getLocation();
        if (prefix.find()) {
            return new GherkinError(
                    Integer.parseInt(prefix.group(1)),
                    Integer.parseInt(prefix.group(2)),
                    message.substring(prefix.end()));
        }
        return new GherkinError(
                location.map(Location::getLine).orElse(1),
                location.flatMap(Location::getColumn).orElse(1),
                message);
    }
}
