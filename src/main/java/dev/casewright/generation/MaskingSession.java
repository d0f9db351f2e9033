package dev.casewright.generation;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The placeholders of one generation request. Description, acceptance criteria and attachments are
 * masked one after the other through the same session, so a value gets the same placeholder
 * wherever it occurs, and a value found in one text (a name after "Customer:") is masked in the
 * others too, where nothing around it would give it away.
 *
 * <p>Not thread-safe: one request, one session. It lives only as long as the request, because it
 * holds the original values.
 */
final class MaskingSession {

    /**
     * Anything shaped like a placeholder, in any case: {@code <EMAIL_1>}, {@code <email_1>}. Restoring
     * ignores case because models sometimes change it; reserving ignores it for the same reason.
     */
    static final Pattern PLACEHOLDER = Pattern.compile("<([A-Za-z][A-Za-z0-9]*(?:_[A-Za-z][A-Za-z0-9]*)*)_(\\d{1,9})>");

    /** A name a person is known by, followed by a hyphenated second surname ("Marsh" → "Marsh-Whitaker"). */
    private static final String HYPHENATED_SURNAME = "(?:-\\p{Lu}\\p{Ll}+)?";

    private final PersonalDataFinder finder;
    private final List<String> mentionNames;
    private final Map<String, String> placeholdersByValue = new HashMap<>();
    private final Map<String, String> originalsByPlaceholder = new LinkedHashMap<>();
    private final Map<String, PersonalDataType> typesByValue = new LinkedHashMap<>();
    private final Set<String> reserved = new HashSet<>();
    private final Map<PersonalDataType, Integer> lastNumbers = new EnumMap<>(PersonalDataType.class);
    private final Map<PersonalDataType, Integer> counts = new EnumMap<>(PersonalDataType.class);

    private final boolean enabled;

    MaskingSession(PersonalDataFinder finder, List<String> mentionNames) {
        this(finder, mentionNames, true);
    }

    private MaskingSession(PersonalDataFinder finder, List<String> mentionNames, boolean enabled) {
        this.finder = finder;
        this.mentionNames = List.copyOf(mentionNames);
        this.enabled = enabled;
    }

    /**
     * A session that leaves text as it is, for sites whose administrator turned masking off and
     * for the rule-based writer, whose text never leaves this service.
     */
    static MaskingSession disabled() {
        return new MaskingSession(new PersonalDataFinder(), List.of(), false);
    }

    boolean enabled() {
        return enabled;
    }

    /** Masks one text of the request; callable for every text, in any order. */
    MaskedText mask(String text) {
        if (!enabled) {
            return new MaskedText(text, originalsByPlaceholder, counts);
        }
        List<Detection> literalPlaceholders = reserveLiteralPlaceholders(text);
        List<Detection> detections = new ArrayList<>(finder.find(text, mentionNames));
        remember(text, detections);
        detections.addAll(knownValues(text));
        List<Detection> kept = PersonalDataFinder.withoutOverlaps(detections);
        kept = withLiteralPlaceholders(kept, literalPlaceholders);

        StringBuilder masked = new StringBuilder(text.length());
        int position = 0;
        for (Detection detection : kept) {
            String value = text.substring(detection.start(), detection.end());
            masked.append(text, position, detection.start()).append(placeholderFor(detection.type(), value));
            if (!literalPlaceholders.contains(detection)) {
                counts.merge(detection.type(), 1, Integer::sum);
            }
            position = detection.end();
        }
        masked.append(text, position, text.length());
        return new MaskedText(masked.toString(), originalsByPlaceholder, counts);
    }

    /**
     * Puts the original values back where the model echoed a placeholder of this session, in any
     * case. Placeholder-shaped text the session did not hand out stays as it is. One pass, so a
     * restored value is never read again as a placeholder.
     */
    String unmask(String modelOutput) {
        return restore(modelOutput, originalsByPlaceholder);
    }

    static String restore(String modelOutput, Map<String, String> originalsByPlaceholder) {
        Matcher matcher = PLACEHOLDER.matcher(modelOutput);
        StringBuilder restored = new StringBuilder(modelOutput.length());
        while (matcher.find()) {
            String original = originalsByPlaceholder.get(matcher.group().toUpperCase(Locale.ROOT));
            matcher.appendReplacement(
                    restored, Matcher.quoteReplacement(original == null ? matcher.group() : original));
        }
        matcher.appendTail(restored);
        return restored.toString();
    }

    /** Occurrences masked so far, per type; what may be logged and recorded. */
    Map<PersonalDataType, Integer> counts() {
        return Map.copyOf(counts);
    }

    /**
     * Placeholder-shaped text already in the input must not be confused with ours. One the session
     * has not handed out yet is reserved, so numbering skips it and it stays literal; one it has
     * handed out (it came in a later text) is itself masked, so restoring gives the literal back.
     */
    private List<Detection> reserveLiteralPlaceholders(String text) {
        List<Detection> colliding = new ArrayList<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            String literal = matcher.group().toUpperCase(Locale.ROOT);
            PersonalDataType type = typeNamed(matcher.group(1).toUpperCase(Locale.ROOT));
            if (originalsByPlaceholder.containsKey(literal) && type != null) {
                colliding.add(new Detection(matcher.start(), matcher.end(), type));
            } else {
                reserved.add(literal);
            }
        }
        return colliding;
    }

    private static @Nullable PersonalDataType typeNamed(String name) {
        for (PersonalDataType type : PersonalDataType.values()) {
            if (type.name().equals(name)) {
                return type;
            }
        }
        return null;
    }

    private static List<Detection> withLiteralPlaceholders(List<Detection> kept, List<Detection> literals) {
        if (literals.isEmpty()) {
            return kept;
        }
        List<Detection> merged = new ArrayList<>(literals);
        for (Detection detection : kept) {
            if (literals.stream().noneMatch(detection::overlaps)) {
                merged.add(detection);
            }
        }
        merged.sort((a, b) -> Integer.compare(a.start(), b.start()));
        return merged;
    }

    private void remember(String text, List<Detection> detections) {
        for (Detection detection : detections) {
            typesByValue.putIfAbsent(text.substring(detection.start(), detection.end()), detection.type());
        }
    }

    /**
     * Other occurrences of values found before, in this text or an earlier one. Names need this
     * most: the words that gave a name away ("Frau", "Customer:") are usually there only once.
     */
    private List<Detection> knownValues(String text) {
        List<Detection> found = new ArrayList<>();
        typesByValue.forEach((value, type) -> {
            String suffix = type == PersonalDataType.PERSON ? HYPHENATED_SURNAME : "";
            Pattern occurrence =
                    Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(value) + suffix + "(?![\\p{L}\\p{N}])");
            Matcher matcher = occurrence.matcher(text);
            while (matcher.find()) {
                found.add(new Detection(matcher.start(), matcher.end(), type));
            }
        });
        return found;
    }

    private String placeholderFor(PersonalDataType type, String value) {
        String key = type.name() + '\u0000' + value;
        String existing = placeholdersByValue.get(key);
        if (existing != null) {
            return existing;
        }
        int number = lastNumbers.getOrDefault(type, 0);
        String placeholder;
        do {
            number++;
            placeholder = "<" + type.name() + "_" + number + ">";
        } while (reserved.contains(placeholder));
        lastNumbers.put(type, number);
        placeholdersByValue.put(key, placeholder);
        originalsByPlaceholder.put(placeholder, value);
        return placeholder;
    }
}
