package dev.casewright.jira;

import java.io.IOException;
import java.io.InputStream;

/**
 * Consumes an attachment's content while it streams in. The stream ends, with an error, once the
 * allowed number of bytes is exceeded, so a reader never holds more than it asked for.
 */
@FunctionalInterface
public interface AttachmentReader<T> {

    T read(InputStream content, long declaredSize) throws IOException;
}
