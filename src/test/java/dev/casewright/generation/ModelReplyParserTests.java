package dev.casewright.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ModelReplyParserTests {

    private final ModelReplyParser parser =
            new ModelReplyParser(JsonMapper.builder().build());

    @Test
    void plainJsonIsRead() {
        assertThat(parser.parse("{\"featureName\":\"Checkout\"}", false)
                        .path("featureName")
                        .asString())
                .isEqualTo("Checkout");
    }

    @Test
    void jsonInAMarkdownFenceIsRead() {
        String reply =
                "Here is the plan:\n```json\n{\"featureName\": \"Checkout\", \"scenarios\": []}\n```\nGood luck!";

        assertThat(parser.parse(reply, false).path("scenarios").isArray()).isTrue();
    }

    @Test
    void chatterAroundTheObjectIsIgnored() {
        assertThat(parser.parse("Sure! {\"a\": {\"b\": \"}\"}} Hope this helps", false)
                        .path("a")
                        .path("b")
                        .asString())
                .isEqualTo("}");
    }

    @Test
    void anAnswerCutOffMidObjectIsReportedAsTruncated() {
        assertThatThrownBy(() -> parser.parse("{\"scenarios\": [{\"title\": \"Pay with a card\", \"steps\": [", false))
                .isInstanceOfSatisfying(
                        ModelReplyParser.UnusableReply.class,
                        e -> assertThat(e.truncated()).isTrue())
                .hasMessageContaining("cut off");
    }

    @Test
    void aLengthLimitStopIsReportedAsTruncatedEvenWhenTheJsonIsBroken() {
        assertThatThrownBy(() -> parser.parse("{\"a\": tru}", true))
                .isInstanceOfSatisfying(
                        ModelReplyParser.UnusableReply.class,
                        e -> assertThat(e.truncated()).isTrue());
    }

    @Test
    void proseWithoutJsonIsUnusableAndTheMessageQuotesNothingOfIt() {
        assertThatThrownBy(() -> parser.parse("I cannot help with the secret project Zeta-9.", false))
                .isInstanceOf(ModelReplyParser.UnusableReply.class)
                .hasMessageNotContaining("Zeta-9");
    }

    @Test
    void anEmptyAnswerIsUnusable() {
        assertThatThrownBy(() -> parser.parse("  ", false)).isInstanceOf(ModelReplyParser.UnusableReply.class);
    }

    @Test
    void invalidJsonInsideBalancedBracesIsUnusableNotTruncated() {
        assertThatThrownBy(() -> parser.parse("{\"a\": [1, 2,, 3]}", false))
                .isInstanceOfSatisfying(
                        ModelReplyParser.UnusableReply.class,
                        e -> assertThat(e.truncated()).isFalse());
    }
}
