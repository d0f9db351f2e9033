package dev.casewright.operations;

import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.logging.logback.ExtendedWhitespaceThrowableProxyConverter;

/**
 * Writes logged exceptions as Spring Boot does — class, stack trace, causes — but without their
 * messages. An exception's message may quote what it failed on: a tag from a model's answer, a
 * line of an issue, a value from a request body. The privacy promise is that no issue text,
 * attachment content, prompt or scenario reaches a log line, whoever logs the exception (our code,
 * Spring, Tomcat), so the mechanism that prints exceptions withholds messages. Messages of the
 * exception types in {@link #SAFE_MESSAGES} (network, TLS, timeouts, pools, circuit breakers) only
 * ever name hosts, ports and durations, and stay: they are what an operator needs most.
 *
 * <p>Registered in {@code logback-spring.xml} and selected by {@code
 * logging.exception-conversion-word}.
 */
public class MessageWithholdingThrowableConverter extends ExtendedWhitespaceThrowableProxyConverter {

    static final String WITHHELD = "[message withheld]";
    static final List<String> SAFE_MESSAGES = List.of(
            "java.net.",
            "javax.net.",
            "java.nio.channels.",
            "java.util.concurrent.TimeoutException",
            "java.net.http.HttpTimeoutException",
            "com.zaxxer.hikari.",
            "io.github.resilience4j.");

    @Override
    protected String throwableProxyToString(IThrowableProxy throwable) {
        return super.throwableProxyToString(withheld(throwable));
    }

    static @Nullable IThrowableProxy withheld(@Nullable IThrowableProxy throwable) {
        if (throwable == null) {
            return null;
        }
        return SAFE_MESSAGES.stream().anyMatch(throwable.getClassName()::startsWith)
                ? throwable
                : new WithheldMessage(throwable);
    }

    private record WithheldMessage(IThrowableProxy original) implements IThrowableProxy {

        @Override
        public @Nullable String getMessage() {
            return original.getMessage() == null ? null : WITHHELD;
        }

        @Override
        public @Nullable String getOverridingMessage() {
            return null;
        }

        @Override
        public String getClassName() {
            return original.getClassName();
        }

        @Override
        public StackTraceElementProxy[] getStackTraceElementProxyArray() {
            return original.getStackTraceElementProxyArray();
        }

        @Override
        public int getCommonFrames() {
            return original.getCommonFrames();
        }

        @Override
        public @Nullable IThrowableProxy getCause() {
            return withheld(original.getCause());
        }

        @Override
        public IThrowableProxy[] getSuppressed() {
            IThrowableProxy[] suppressed = original.getSuppressed();
            IThrowableProxy[] withheld = new IThrowableProxy[suppressed.length];
            for (int i = 0; i < suppressed.length; i++) {
                withheld[i] = withheld(suppressed[i]);
            }
            return withheld;
        }

        @Override
        public boolean isCyclic() {
            return original.isCyclic();
        }
    }
}
