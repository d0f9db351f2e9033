package dev.casewright.operations;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class MessageWithholdingThrowableConverterTests {

    private String written(Throwable thrown) {
        var context = new LoggerContext();
        var converter = new MessageWithholdingThrowableConverter();
        converter.setContext(context);
        converter.start();
        var event = new LoggingEvent("test", context.getLogger("test"), Level.ERROR, "something failed", thrown, null);
        return converter.convert(event);
    }

    @Test
    void anExceptionIsWrittenWithItsClassAndStackButNotItsMessage() {
        String written = written(new IllegalArgumentException("not a tag: 'Quokka canary 5521'"));

        assertThat(written)
                .contains("java.lang.IllegalArgumentException: " + MessageWithholdingThrowableConverter.WITHHELD)
                .contains("at dev.casewright.operations.MessageWithholdingThrowableConverterTests")
                .doesNotContain("Quokka");
    }

    @Test
    void causesAndSuppressedExceptionsAreWithheldToo() {
        var failure = new IllegalStateException("outer Axolotl", new RuntimeException("inner Narwhal"));
        failure.addSuppressed(new UnsupportedOperationException("suppressed Zebra"));

        String written = written(failure);

        assertThat(written)
                .contains("Caused by: java.lang.RuntimeException: [message withheld]")
                .contains("Suppressed: java.lang.UnsupportedOperationException: [message withheld]")
                .doesNotContain("Axolotl", "Narwhal", "Zebra");
    }

    @Test
    void networkFailuresKeepTheirMessagesForTheOperator() {
        String written = written(new IllegalStateException("wrapped", new ConnectException("Connection refused")));

        assertThat(written)
                .contains("java.net.ConnectException: Connection refused")
                .doesNotContain("wrapped");
    }
}
