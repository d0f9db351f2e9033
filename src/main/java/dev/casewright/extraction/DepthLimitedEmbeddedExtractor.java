package dev.casewright.extraction;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.io.TemporaryResources;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.sax.BodyContentHandler;
import org.apache.tika.sax.EmbeddedContentHandler;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * Parses documents inside documents (e-mail attachments, objects embedded in Office files) down to a
 * maximum depth, into the same text, and spools them only into the extraction's private directory
 * (Tika's own extractor would use the system temporary directory). Deeper documents, and embedded
 * documents that cannot be read, are left out and counted, so the caller can say so.
 */
final class DepthLimitedEmbeddedExtractor implements EmbeddedDocumentExtractor {

    private final Parser parser;
    private final ParseContext context;
    private final int maxDepth;
    private final Path privateDirectory;
    private int depth;
    private int leftOutTooDeep;
    private int encrypted;
    private int unreadable;

    DepthLimitedEmbeddedExtractor(Parser parser, ParseContext context, int maxDepth, Path privateDirectory) {
        this.parser = parser;
        this.context = context;
        this.maxDepth = maxDepth;
        this.privateDirectory = privateDirectory;
    }

    @Override
    public boolean shouldParseEmbedded(Metadata metadata) {
        if (depth >= maxDepth) {
            leftOutTooDeep++;
            return false;
        }
        return true;
    }

    @Override
    public void parseEmbedded(InputStream stream, ContentHandler handler, Metadata metadata, boolean outputHtml)
            throws SAXException, IOException {
        // Some parsers call this without asking shouldParseEmbedded first.
        if (depth >= maxDepth) {
            leftOutTooDeep++;
            return;
        }
        depth++;
        try (TemporaryResources temporary = new TemporaryResources()) {
            temporary.setTemporaryFileDirectory(privateDirectory);
            TikaInputStream embedded = TikaInputStream.get(new KeepOpen(stream), temporary, metadata);
            parser.parse(embedded, new EmbeddedContentHandler(new BodyContentHandler(handler)), metadata, context);
        } catch (EncryptedDocumentException e) {
            encrypted++;
        } catch (TikaException | IOException | RuntimeException e) {
            // Tika wraps a reached write limit; it must still stop the whole parse.
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof WriteLimitReachedException limit) {
                    throw limit;
                }
            }
            unreadable++;
        } finally {
            depth--;
        }
    }

    /** The parser that owns the stream closes it, not the embedded document's parser. */
    private static final class KeepOpen extends FilterInputStream {
        KeepOpen(InputStream in) {
            super(in);
        }

        @Override
        public void close() {}
    }

    int leftOutTooDeep() {
        return leftOutTooDeep;
    }

    int encrypted() {
        return encrypted;
    }

    int unreadable() {
        return unreadable;
    }
}
