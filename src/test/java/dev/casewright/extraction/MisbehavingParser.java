package dev.casewright.extraction;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;
import org.apache.tika.exception.TikaException;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.sax.XHTMLContentHandler;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * A parser that misbehaves for files whose name says how, and parses everything else with the real
 * parser. Tests release it with {@link #release()}, so that no thread outlives its test class.
 */
final class MisbehavingParser implements Parser {

    static final String UNTIL_INTERRUPTED = "hangs-until-interrupted.txt";
    static final String IGNORING_INTERRUPTS = "hangs-ignoring-interrupts.txt";
    static final String WRITING_FOREVER = "writes-forever-ignoring-interrupts.txt";

    private final Parser delegate;
    final CountDownLatch started = new CountDownLatch(1);
    final CountDownLatch returned = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);

    MisbehavingParser(Parser delegate) {
        this.delegate = delegate;
    }

    void release() {
        released.countDown();
    }

    @Override
    public Set<MediaType> getSupportedTypes(ParseContext context) {
        return delegate.getSupportedTypes(context);
    }

    @Override
    public void parse(InputStream stream, ContentHandler handler, Metadata metadata, ParseContext context)
            throws IOException, SAXException, TikaException {
        String name = String.valueOf(metadata.get(TikaCoreProperties.RESOURCE_NAME_KEY));
        switch (name) {
            case UNTIL_INTERRUPTED ->
                misbehave(() -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        Thread.onSpinWait();
                    }
                });
            case IGNORING_INTERRUPTS ->
                misbehave(() -> {
                    while (released.getCount() > 0) {
                        try {
                            released.await();
                        } catch (InterruptedException ignored) {
                            // This parser pretends not to notice, as many real ones do.
                        }
                    }
                });
            case WRITING_FOREVER ->
                misbehave(() -> {
                    XHTMLContentHandler xhtml = new XHTMLContentHandler(handler, metadata);
                    xhtml.startDocument();
                    while (released.getCount() > 0) {
                        xhtml.element("p", "a");
                        LockSupport.parkNanos(1_000_000);
                        Thread.interrupted();
                    }
                });
            default -> delegate.parse(stream, handler, metadata, context);
        }
    }

    private interface Misbehaviour {
        void run() throws SAXException;
    }

    private void misbehave(Misbehaviour misbehaviour) throws SAXException {
        started.countDown();
        try {
            misbehaviour.run();
        } finally {
            returned.countDown();
        }
    }
}
