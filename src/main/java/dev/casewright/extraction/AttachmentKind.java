package dev.casewright.extraction;

import java.util.Set;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;

/** How an attachment is read, by the type detected from its content. */
enum AttachmentKind {
    /** Passed to vision models as an image. */
    IMAGE,
    /** Sheets as Markdown tables under {@code ###} headings. */
    SPREADSHEET,
    /** One Markdown table. */
    CSV,
    /** Headers, body and attachments (as embedded documents). */
    EMAIL,
    /** Text kept line by line as written (plain text, Markdown, JSON, logs, source code). */
    PLAIN_TEXT,
    /** Laid-out documents: paragraphs, headings, lists and tables (PDF, Office, ODF, RTF, HTML, XML). */
    DOCUMENT,
    UNSUPPORTED;

    private static final Set<MediaType> IMAGES =
            Set.of(MediaType.image("png"), MediaType.image("jpeg"), MediaType.image("gif"), MediaType.image("webp"));
    private static final Set<MediaType> TABLES = Set.of(MediaType.text("csv"), MediaType.text("tab-separated-values"));
    private static final Set<MediaType> EMAILS =
            Set.of(MediaType.parse("message/rfc822"), MediaType.application("vnd.ms-outlook"));
    private static final Set<MediaType> SPREADSHEETS = Set.of(
            MediaType.application("vnd.ms-excel"),
            MediaType.application("vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            MediaType.application("vnd.openxmlformats-officedocument.spreadsheetml.template"),
            MediaType.application("vnd.ms-excel.sheet.macroenabled.12"),
            MediaType.application("vnd.ms-excel.sheet.binary.macroenabled.12"),
            MediaType.application("vnd.oasis.opendocument.spreadsheet"),
            MediaType.application("vnd.oasis.opendocument.spreadsheet-template"));
    private static final Set<MediaType> MARKUP = Set.of(MediaType.TEXT_HTML, MediaType.application("xhtml+xml"));
    private static final Set<MediaType> DOCUMENT_FAMILIES = Set.of(
            MediaType.application("pdf"),
            MediaType.application("rtf"),
            MediaType.application("x-tika-ooxml"),
            MediaType.application("x-tika-msoffice"),
            MediaType.application("x-tika-ooxml-protected"));

    static AttachmentKind of(MediaType detected, MediaTypeRegistry registry) {
        MediaType type = registry.normalize(detected.getBaseType());
        if (IMAGES.contains(type)) {
            return IMAGE;
        }
        if (TABLES.contains(type)) {
            return CSV;
        }
        if (EMAILS.contains(type)) {
            return EMAIL;
        }
        if (SPREADSHEETS.contains(type) || isIn(type, Set.of(MediaType.application("vnd.ms-excel")), registry)) {
            return SPREADSHEET;
        }
        // HTML and XML specialise text/plain in Tika's registry, but have markup to read through.
        if (MARKUP.contains(type) || isIn(type, Set.of(MediaType.APPLICATION_XML), registry)) {
            return DOCUMENT;
        }
        if (isIn(type, Set.of(MediaType.TEXT_PLAIN), registry)) {
            return PLAIN_TEXT;
        }
        if (isIn(type, DOCUMENT_FAMILIES, registry)
                || type.getType().equals("application") && type.getSubtype().startsWith("vnd.oasis.opendocument.")) {
            return DOCUMENT;
        }
        return UNSUPPORTED;
    }

    /** Whether the type is a zip container, which is checked for zip bombs before parsing. */
    static boolean isZipContainer(MediaType detected, MediaTypeRegistry registry) {
        return isIn(registry.normalize(detected.getBaseType()), Set.of(MediaType.APPLICATION_ZIP), registry);
    }

    private static boolean isIn(MediaType type, Set<MediaType> families, MediaTypeRegistry registry) {
        for (MediaType family : families) {
            if (type.equals(family) || registry.isSpecializationOf(type, family)) {
                return true;
            }
        }
        return false;
    }
}
