package dev.casewright.extraction;

import org.apache.tika.exception.WriteLimitReachedException;
import org.xml.sax.SAXException;

/**
 * Text collected from a parser, with a hard character limit, that another thread can close.
 *
 * <p>Reaching the limit throws Tika's {@link WriteLimitReachedException}, which Tika's parsers and
 * embedded-document handling pass through, so parsing stops instead of reading on. Closing it (when
 * the parse timed out) makes every later write throw, which stops most parsers that ignore interrupts
 * the next time they produce text, and it leaves the caller with the text produced so far.
 */
final class BoundedText {

    private final StringBuilder text = new StringBuilder();
    private final int limit;
    private boolean limitReached;
    private boolean closed;

    BoundedText(int limit) {
        this.limit = limit;
    }

    int limit() {
        return limit;
    }

    synchronized void append(CharSequence chars) throws SAXException {
        if (closed) {
            throw new SAXException("Extraction was stopped");
        }
        int room = limit - text.length();
        if (chars.length() <= room) {
            text.append(chars);
            return;
        }
        int end = room;
        if (end > 0 && Character.isHighSurrogate(chars.charAt(end - 1))) {
            end--;
        }
        text.append(chars, 0, end);
        limitReached = true;
        throw new WriteLimitReachedException(limit);
    }

    synchronized boolean limitReached() {
        return limitReached;
    }

    synchronized boolean isEmpty() {
        return text.length() == 0;
    }

    /** Stops all further writes and returns what was written until now. */
    synchronized String close() {
        closed = true;
        return text.toString();
    }
}
