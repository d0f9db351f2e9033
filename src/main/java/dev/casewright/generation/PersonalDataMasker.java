package dev.casewright.generation;

import java.util.Collection;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Masks personal data before text leaves for the model, and restores it in what the model writes.
 * Values become typed placeholders ({@code <EMAIL_1>}, {@code <PHONE_2>}, {@code <SECRET_1>}, …);
 * see {@code docs/pii-masking.md} for what is found, how, and how well.
 *
 * <p>For a request with several texts, start one {@link MaskingSession} and mask each text through
 * it, so a value gets one placeholder across all of them. Stateless and safe to share.
 */
@Component
class PersonalDataMasker {

    private final PersonalDataFinder finder = new PersonalDataFinder();

    /**
     * @param mentionNames display names of the people the ADF mentions (see {@link
     *     MentionNames}); masked as users wherever they occur
     */
    MaskingSession startSession(Collection<String> mentionNames) {
        return new MaskingSession(finder, List.copyOf(mentionNames));
    }

    /** Masks a single text in a session of its own. */
    MaskedText mask(String text) {
        return startSession(List.of()).mask(text);
    }

    /** Restores the placeholders of {@code masked} (and of earlier texts of its session) in the model's output. */
    String unmask(String modelOutput, MaskedText masked) {
        return MaskingSession.restore(modelOutput, masked.originalsByPlaceholder());
    }
}
