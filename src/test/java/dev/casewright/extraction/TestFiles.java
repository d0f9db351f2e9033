package dev.casewright.extraction;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;

/** Real documents made at test time with PDFBox and POI, so no binary fixtures are needed. */
final class TestFiles {

    private TestFiles() {}

    static byte[] pdf(String... pageTexts) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PDDocument document = pdfDocument(List.of(pageTexts))) {
            document.save(out);
        }
        return out.toByteArray();
    }

    static byte[] encryptedPdf(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PDDocument document = pdfDocument(List.of(text))) {
            StandardProtectionPolicy policy =
                    new StandardProtectionPolicy("owner-secret", "user-secret", new AccessPermission());
            policy.setEncryptionKeyLength(128);
            document.protect(policy);
            document.save(out);
        }
        return out.toByteArray();
    }

    /** A PDF of {@code pages} pages, each with one line of text, written straight to a file. */
    static Path pdfWithPages(Path file, int pages) throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (int i = 1; i <= pages; i++) {
                addPage(document, font, "Page " + i + " of the long requirements document, with one line of text.");
            }
            document.save(file.toFile());
        }
        return file;
    }

    private static PDDocument pdfDocument(List<String> pageTexts) throws IOException {
        PDDocument document = new PDDocument();
        PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        for (String text : pageTexts) {
            addPage(document, font, text);
        }
        return document;
    }

    private static void addPage(PDDocument document, PDType1Font font, String text) throws IOException {
        PDPage page = new PDPage();
        document.addPage(page);
        try (PDPageContentStream content = new PDPageContentStream(document, page)) {
            content.beginText();
            content.setFont(font, 12);
            content.newLineAtOffset(50, 700);
            content.showText(text);
            content.endText();
        }
    }

    static byte[] docx(String... paragraphs) throws IOException {
        try (XWPFDocument document = new XWPFDocument()) {
            for (String paragraph : paragraphs) {
                document.createParagraph().createRun().setText(paragraph);
            }
            return write(document::write);
        }
    }

    static byte[] docxWithTable(String paragraph, String[][] cells) throws IOException {
        try (XWPFDocument document = new XWPFDocument()) {
            document.createParagraph().createRun().setText(paragraph);
            XWPFTable table = document.createTable(cells.length, cells[0].length);
            for (int row = 0; row < cells.length; row++) {
                for (int column = 0; column < cells[row].length; column++) {
                    table.getRow(row).getCell(column).setText(cells[row][column]);
                }
            }
            return write(document::write);
        }
    }

    static byte[] encryptedDocx(String text) throws Exception {
        byte[] plain = docx(text);
        try (POIFSFileSystem fileSystem = new POIFSFileSystem()) {
            EncryptionInfo info = new EncryptionInfo(EncryptionMode.agile);
            Encryptor encryptor = info.getEncryptor();
            encryptor.confirmPassword("secret");
            try (OutputStream out = encryptor.getDataStream(fileSystem)) {
                out.write(plain);
            }
            return write(fileSystem::writeFilesystem);
        }
    }

    static byte[] xlsx(Sheet2D... sheets) throws IOException {
        try (Workbook workbook = new XSSFWorkbook()) {
            fill(workbook, sheets);
            return write(workbook::write);
        }
    }

    static byte[] xls(Sheet2D... sheets) throws IOException {
        try (Workbook workbook = new HSSFWorkbook()) {
            fill(workbook, sheets);
            return write(workbook::write);
        }
    }

    /** A sheet's name and its rows of cells; numbers stay numbers. */
    record Sheet2D(String name, Object[][] rows) {}

    private static void fill(Workbook workbook, Sheet2D[] sheets) {
        for (Sheet2D content : sheets) {
            Sheet sheet = workbook.createSheet(content.name());
            for (int r = 0; r < content.rows().length; r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < content.rows()[r].length; c++) {
                    Object value = content.rows()[r][c];
                    if (value instanceof Number number) {
                        row.createCell(c).setCellValue(number.doubleValue());
                    } else {
                        row.createCell(c).setCellValue(String.valueOf(value));
                    }
                }
            }
        }
    }

    static byte[] pptx(String... slideTexts) throws IOException {
        try (XMLSlideShow slides = new XMLSlideShow()) {
            for (String text : slideTexts) {
                XSLFSlide slide = slides.createSlide();
                slide.createTextBox().setText(text);
            }
            return write(slides::write);
        }
    }

    /** A minimal OpenDocument text: the mimetype entry first and stored, as the format requires. */
    static byte[] odt(String... paragraphs) throws IOException {
        StringBuilder content = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
                    xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
                <office:body><office:text>""");
        for (String paragraph : paragraphs) {
            content.append("<text:p>").append(paragraph).append("</text:p>");
        }
        content.append("</office:text></office:body></office:document-content>");
        String manifest = """
                <?xml version="1.0" encoding="UTF-8"?>
                <manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
                 <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>
                 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
                </manifest:manifest>""";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            byte[] mimetype = "application/vnd.oasis.opendocument.text".getBytes(StandardCharsets.US_ASCII);
            ZipEntry first = new ZipEntry("mimetype");
            first.setMethod(ZipEntry.STORED);
            first.setSize(mimetype.length);
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(mimetype);
            first.setCrc(crc.getValue());
            zip.putNextEntry(first);
            zip.write(mimetype);
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("content.xml"));
            zip.write(content.toString().getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("META-INF/manifest.xml"));
            zip.write(manifest.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    /**
     * A DOCX whose document.xml expands to {@code megabytes} of repeated text while the file stays
     * small; written entry by entry, so the expanded text is never in memory.
     */
    static Path zipBombDocx(Path file, int megabytes) throws IOException {
        byte[] template = docx("placeholder");
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(template));
                ZipOutputStream out = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                out.putNextEntry(new ZipEntry(entry.getName()));
                if (entry.getName().equals("word/document.xml")) {
                    writeRepeatedDocument(out, megabytes * 1024L * 1024L);
                } else {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
        return file;
    }

    private static void writeRepeatedDocument(OutputStream out, long bytes) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        writer.write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                + "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>");
        String paragraph =
                "<w:p><w:r><w:t>" + "All work and no play makes Jack a dull boy. ".repeat(20) + "</w:t></w:r></w:p>";
        for (long written = 0; written < bytes; written += paragraph.length()) {
            writer.write(paragraph);
        }
        writer.write("</w:body></w:document>");
        writer.flush();
    }

    static byte[] png(int width, int height) throws IOException {
        return image("png", width, height, BufferedImage.TYPE_INT_RGB);
    }

    static byte[] jpeg(int width, int height) throws IOException {
        return image("jpeg", width, height, BufferedImage.TYPE_INT_RGB);
    }

    /** A picture with some detail (gradients and noise), so that it does not compress to nothing. */
    static byte[] image(String format, int width, int height, int type) throws IOException {
        BufferedImage image = new BufferedImage(width, height, type);
        Graphics2D graphics = image.createGraphics();
        java.util.Random random = new java.util.Random(42);
        for (int y = 0; y < height; y += 8) {
            for (int x = 0; x < width; x += 8) {
                graphics.setColor(new Color(
                        (x * 255 / width + random.nextInt(40)) % 256, (y * 255 / height) % 256, random.nextInt(256)));
                graphics.fillRect(x, y, 8, 8);
            }
        }
        graphics.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }

    private interface Writing {
        void to(OutputStream out) throws IOException;
    }

    private static byte[] write(Writing writing) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writing.to(out);
        return out.toByteArray();
    }
}
