package dev.casewright.extraction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class ByteLimitedInputStreamTests {

    @Test
    void readsAStreamThatFitsTheLimitExactly() throws Exception {
        try (InputStream in = new ByteLimitedInputStream(new ByteArrayInputStream(new byte[100]), 100)) {
            assertThat(in.readAllBytes()).hasSize(100);
        }
    }

    @Test
    void failsAsSoonAsOneByteMoreThanTheLimitIsRead() throws Exception {
        ByteArrayInputStream source = new ByteArrayInputStream(new byte[10_000]);
        try (InputStream in = new ByteLimitedInputStream(source, 100)) {
            assertThatThrownBy(in::readAllBytes).isInstanceOf(ByteLimitedInputStream.TooManyBytesException.class);
        }
        assertThat(source.available()).as("bytes left unread").isEqualTo(10_000 - 101);
    }

    @Test
    void countsSingleByteReadsToo() throws Exception {
        try (InputStream in = new ByteLimitedInputStream(new ByteArrayInputStream(new byte[3]), 2)) {
            in.read();
            in.read();
            assertThatThrownBy(in::read).isInstanceOf(ByteLimitedInputStream.TooManyBytesException.class);
        }
    }
}
