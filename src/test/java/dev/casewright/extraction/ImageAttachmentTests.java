package dev.casewright.extraction;

import static dev.casewright.extraction.TestExtractors.plentyOfBudget;
import static dev.casewright.extraction.TestExtractors.source;
import static org.assertj.core.api.Assertions.assertThat;

import dev.casewright.extraction.ExtractedAttachment.Outcome;
import dev.casewright.extraction.ExtractedAttachment.Reason;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class ImageAttachmentTests {

    /** A valid 1x1 lossless WebP. */
    private static final byte[] TINY_WEBP =
            Base64.getDecoder().decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");

    private static final AttachmentTextExtractor extractor = TestExtractors.extractor();

    @AfterAll
    static void stopParserThreads() {
        extractor.close();
    }

    @Test
    void passesASmallPngThroughUnchanged() throws Exception {
        byte[] png = TestFiles.png(200, 100);

        ExtractedAttachment result = extractor.extract(source("screen.png", png), plentyOfBudget());

        assertThat(result.outcome()).isEqualTo(Outcome.INCLUDED);
        assertThat(result.isImage()).isTrue();
        assertThat(result.image().bytes()).isEqualTo(png);
        assertThat(result.image().mimeType()).isEqualTo("image/png");
        assertThat(result.image().width()).isEqualTo(200);
        assertThat(result.image().downscaled()).isFalse();
        assertThat(result.characterCount()).isZero();
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void scalesALargeJpegDownToTheLongestSideCap() throws Exception {
        byte[] jpeg = TestFiles.jpeg(4000, 3000);

        ExtractedAttachment result = extractor.extract(source("photo.jpg", jpeg), plentyOfBudget());

        assertThat(result.outcome()).isEqualTo(Outcome.INCLUDED);
        assertThat(result.image().mimeType()).isEqualTo("image/jpeg");
        assertThat(result.image().width()).isEqualTo(1568);
        assertThat(result.image().height()).isEqualTo(1176);
        assertThat(result.image().downscaled()).isTrue();
        BufferedImage decoded =
                ImageIO.read(new ByteArrayInputStream(result.image().bytes()));
        assertThat(decoded.getWidth()).isEqualTo(1568);
        assertThat(result.warnings()).singleElement().asString().contains("4000x3000 to 1568x1176");
    }

    @Test
    void keepsTransparencyAsPngWhenScalingDown() throws Exception {
        byte[] png = TestFiles.image("png", 3000, 1000, BufferedImage.TYPE_INT_ARGB);

        ExtractedAttachment result = extractor.extract(source("logo.png", png), plentyOfBudget());

        assertThat(result.image().mimeType()).isEqualTo("image/png");
        assertThat(result.image().width()).isEqualTo(1568);
        assertThat(ImageIO.read(new ByteArrayInputStream(result.image().bytes()))
                        .getColorModel()
                        .hasAlpha())
                .isTrue();
    }

    @Test
    void reencodesAnImageAboveTheByteCapEvenWhenItsSizeIsFine() throws Exception {
        byte[] png = TestFiles.png(1000, 1000);
        try (AttachmentTextExtractor strict = TestExtractors.extractor("images.max-bytes=" + png.length / 2 + "B")) {

            ExtractedAttachment result = strict.extract(source("noise.png", png), plentyOfBudget());

            assertThat(result.outcome()).isEqualTo(Outcome.INCLUDED);
            assertThat(result.image().size()).isLessThanOrEqualTo(png.length / 2);
            assertThat(result.image().mimeType()).isEqualTo("image/jpeg");
            assertThat(result.image().downscaled()).isTrue();
        }
    }

    @Test
    void passesASmallWebpThroughAsItIs() {
        ExtractedAttachment result = extractor.extract(source("icon.webp", TINY_WEBP), plentyOfBudget());

        assertThat(result.outcome()).isEqualTo(Outcome.INCLUDED);
        assertThat(result.image().mimeType()).isEqualTo("image/webp");
        assertThat(result.image().bytes()).isEqualTo(TINY_WEBP);
        assertThat(result.image().width()).isEqualTo(1);
    }

    @Test
    void skipsAWebpAboveTheCapBecauseJavaCannotScaleIt() throws Exception {
        ExtractedAttachment result = extractor.extract(source("big.webp", webpHeader(4000, 3000)), plentyOfBudget());

        assertThat(result.outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(result.reason()).isEqualTo(Reason.IMAGE_TOO_LARGE);
        assertThat(result.detectedMimeType()).isEqualTo("image/webp");
        assertThat(result.warnings())
                .singleElement()
                .asString()
                .contains("4000x3000")
                .contains("WebP");
    }

    @Test
    void refusesAnImageClaimingMorePixelsThanAllowedBeforeDecodingIt() throws Exception {
        ExtractedAttachment result = extractor.extract(source("bomb.png", pngHeader(60_000, 60_000)), plentyOfBudget());

        assertThat(result.outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(result.reason()).isEqualTo(Reason.TOO_BIG);
        assertThat(result.warnings()).singleElement().asString().contains("3600 megapixels");
    }

    @Test
    void readsImagesEvenWhenTheTextBudgetIsUsedUp() throws Exception {
        byte[] png = TestFiles.png(10, 10);

        ExtractedAttachment result = extractor.extract(source("tiny.png", "image/png", png), ExtractionBudget.of(0));

        assertThat(result.outcome()).isEqualTo(Outcome.INCLUDED);
        assertThat(result.isImage()).isTrue();
    }

    @Test
    void readsTheSizeFromExtendedAndLosslessWebpHeaders() {
        assertThat(VisionImages.webpDimensions(webpHeader(4000, 3000)))
                .hasValueSatisfying(size -> assertThat(size).containsExactly(4000, 3000));
        assertThat(VisionImages.webpDimensions(TINY_WEBP))
                .hasValueSatisfying(size -> assertThat(size).containsExactly(1, 1));
        assertThat(VisionImages.webpDimensions(java.util.Arrays.copyOf(TINY_WEBP, 20)))
                .isEmpty();
        assertThat(VisionImages.webpDimensions("not an image at all, just words".getBytes(StandardCharsets.US_ASCII)))
                .isEmpty();
    }

    /** A WebP with an extended (VP8X) header announcing the given canvas, and no image data. */
    private static byte[] webpHeader(int width, int height) {
        byte[] header = new byte[30];
        System.arraycopy("RIFF".getBytes(StandardCharsets.US_ASCII), 0, header, 0, 4);
        header[4] = 22;
        System.arraycopy("WEBPVP8X".getBytes(StandardCharsets.US_ASCII), 0, header, 8, 8);
        header[16] = 10;
        int w = width - 1;
        int h = height - 1;
        header[24] = (byte) w;
        header[25] = (byte) (w >> 8);
        header[26] = (byte) (w >> 16);
        header[27] = (byte) h;
        header[28] = (byte) (h >> 8);
        header[29] = (byte) (h >> 16);
        return header;
    }

    /** The signature and IHDR chunk of a PNG claiming the given size, without pixel data. */
    private static byte[] pngHeader(int width, int height) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteArrayOutputStream chunk = new ByteArrayOutputStream();
        DataOutputStream data = new DataOutputStream(chunk);
        data.writeBytes("IHDR");
        data.writeInt(width);
        data.writeInt(height);
        data.write(new byte[] {8, 2, 0, 0, 0});
        out.writeInt(13);
        out.write(chunk.toByteArray());
        CRC32 crc = new CRC32();
        crc.update(chunk.toByteArray());
        out.writeInt((int) crc.getValue());
        return bytes.toByteArray();
    }
}
