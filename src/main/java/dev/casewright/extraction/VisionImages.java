package dev.casewright.extraction;

import dev.casewright.extraction.ExtractedAttachment.Reason;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * Makes image attachments fit for vision models: images within the caps pass through unchanged;
 * larger ones are decoded at reduced resolution (so a huge image never needs its full size in memory),
 * scaled to the longest-side cap and re-encoded as PNG (with transparency) or JPEG until they fit the
 * byte cap. Java cannot decode WebP, so WebP passes only when its header shows it within the caps.
 */
final class VisionImages {

    private static final float[] JPEG_QUALITIES = {0.85f, 0.7f, 0.5f};
    private static final int MAX_SHRINK_STEPS = 4;

    private final int maxLongestSide;
    private final long maxBytes;
    private final long maxSourcePixels;

    VisionImages(int maxLongestSide, long maxBytes, long maxSourcePixels) {
        this.maxLongestSide = maxLongestSide;
        this.maxBytes = maxBytes;
        this.maxSourcePixels = maxSourcePixels;
    }

    /** The image for the model, or why there is none. */
    record Prepared(
            @Nullable ExtractedImage image, @Nullable Reason reason, List<String> warnings) {}

    Prepared prepare(Path file, String mimeType) throws IOException {
        long size = Files.size(file);
        if (mimeType.equals("image/webp")) {
            return prepareWebp(file, size);
        }
        try (ImageInputStream input = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = input == null ? null : ImageIO.getImageReaders(input);
            if (readers == null || !readers.hasNext()) {
                return refused(Reason.CORRUPT, "The image could not be decoded.");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(input, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if ((long) width * height > maxSourcePixels) {
                    return refused(
                            Reason.TOO_BIG,
                            "The image has " + (long) width * height / 1_000_000 + " megapixels; images above "
                                    + maxSourcePixels / 1_000_000 + " megapixels are not read.");
                }
                if (Math.max(width, height) <= maxLongestSide && size <= maxBytes) {
                    return new Prepared(
                            new ExtractedImage(Files.readAllBytes(file), mimeType, width, height, false),
                            null,
                            List.of());
                }
                return downscale(reader, width, height, size);
            } finally {
                reader.dispose();
            }
        }
    }

    private Prepared downscale(ImageReader reader, int width, int height, long size) throws IOException {
        int longest = Math.max(width, height);
        // Decode at no less than twice the target resolution: subsampling drops pixels, the scaling
        // below averages them.
        int step = Math.max(1, longest / (2 * maxLongestSide));
        ImageReadParam param = reader.getDefaultReadParam();
        param.setSourceSubsampling(step, step, 0, 0);
        BufferedImage decoded = reader.read(0, param);
        double scale = Math.min(1.0, (double) maxLongestSide / Math.max(decoded.getWidth(), decoded.getHeight()));
        List<String> warnings = new ArrayList<>();
        for (int attempt = 0; attempt < MAX_SHRINK_STEPS; attempt++) {
            int targetWidth = Math.max(1, (int) Math.round(decoded.getWidth() * scale));
            int targetHeight = Math.max(1, (int) Math.round(decoded.getHeight() * scale));
            BufferedImage scaled = scale(decoded, targetWidth, targetHeight);
            Optional<ExtractedImage> encoded = encodeWithin(scaled);
            if (encoded.isPresent()) {
                warnings.add("The image was scaled down from " + width + "x" + height + " to "
                        + encoded.get().width() + "x" + encoded.get().height() + " px ("
                        + Sizes.of(size) + " to " + Sizes.of(encoded.get().size()) + ").");
                return new Prepared(encoded.get(), null, warnings);
            }
            scale *= 0.75;
        }
        return refused(
                Reason.IMAGE_TOO_LARGE,
                "The image could not be made smaller than " + Sizes.of(maxBytes) + " and was left out.");
    }

    private Optional<ExtractedImage> encodeWithin(BufferedImage image) throws IOException {
        if (image.getColorModel().hasAlpha()) {
            byte[] png = encode(image, "png", 0);
            if (png.length <= maxBytes) {
                return Optional.of(new ExtractedImage(png, "image/png", image.getWidth(), image.getHeight(), true));
            }
        }
        BufferedImage opaque = opaque(image);
        for (float quality : JPEG_QUALITIES) {
            byte[] jpeg = encode(opaque, "jpeg", quality);
            if (jpeg.length <= maxBytes) {
                return Optional.of(new ExtractedImage(jpeg, "image/jpeg", image.getWidth(), image.getHeight(), true));
            }
        }
        return Optional.empty();
    }

    private Prepared prepareWebp(Path file, long size) throws IOException {
        Optional<int[]> dimensions;
        try (InputStream in = Files.newInputStream(file)) {
            dimensions = webpDimensions(in.readNBytes(30));
        }
        if (dimensions.isEmpty()) {
            return refused(Reason.CORRUPT, "The WebP image could not be read.");
        }
        int width = dimensions.get()[0];
        int height = dimensions.get()[1];
        if (Math.max(width, height) > maxLongestSide || size > maxBytes) {
            return refused(
                    Reason.IMAGE_TOO_LARGE,
                    "WebP images can only be passed on as they are, and this one (" + width + "x" + height
                            + " px, " + Sizes.of(size) + ") is above the " + maxLongestSide + " px or "
                            + Sizes.of(maxBytes) + " cap.");
        }
        return new Prepared(
                new ExtractedImage(Files.readAllBytes(file), "image/webp", width, height, false), null, List.of());
    }

    /** Width and height from a WebP header: the VP8X canvas, or the VP8L or VP8 frame size. */
    static Optional<int[]> webpDimensions(byte[] header) {
        if (header.length < 30 || !ascii(header, 0, "RIFF") || !ascii(header, 8, "WEBP")) {
            return Optional.empty();
        }
        if (ascii(header, 12, "VP8X")) {
            int width = 1 + (u8(header, 24) | u8(header, 25) << 8 | u8(header, 26) << 16);
            int height = 1 + (u8(header, 27) | u8(header, 28) << 8 | u8(header, 29) << 16);
            return Optional.of(new int[] {width, height});
        }
        if (ascii(header, 12, "VP8L") && u8(header, 20) == 0x2f) {
            int bits = u8(header, 21) | u8(header, 22) << 8 | u8(header, 23) << 16 | u8(header, 24) << 24;
            return Optional.of(new int[] {1 + (bits & 0x3FFF), 1 + ((bits >>> 14) & 0x3FFF)});
        }
        if (ascii(header, 12, "VP8 ") && u8(header, 23) == 0x9d && u8(header, 24) == 0x01 && u8(header, 25) == 0x2a) {
            int width = (u8(header, 26) | u8(header, 27) << 8) & 0x3FFF;
            int height = (u8(header, 28) | u8(header, 29) << 8) & 0x3FFF;
            return Optional.of(new int[] {width, height});
        }
        return Optional.empty();
    }

    private static BufferedImage scale(BufferedImage source, int width, int height) {
        BufferedImage current = source;
        int currentWidth = source.getWidth();
        int currentHeight = source.getHeight();
        // Halving repeatedly before the last step keeps bilinear scaling from skipping pixels.
        do {
            currentWidth = Math.max(width, currentWidth / 2);
            currentHeight = Math.max(height, currentHeight / 2);
            if (currentWidth < width * 2 && currentHeight < height * 2) {
                currentWidth = width;
                currentHeight = height;
            }
            int type = source.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
            BufferedImage next = new BufferedImage(currentWidth, currentHeight, type);
            Graphics2D graphics = next.createGraphics();
            try {
                graphics.setRenderingHint(
                        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
                graphics.drawImage(current, 0, 0, currentWidth, currentHeight, null);
            } finally {
                graphics.dispose();
            }
            current = next;
        } while (currentWidth != width || currentHeight != height);
        return current;
    }

    private static BufferedImage opaque(BufferedImage image) {
        if (!image.getColorModel().hasAlpha() && image.getType() == BufferedImage.TYPE_INT_RGB) {
            return image;
        }
        BufferedImage opaque = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = opaque.createGraphics();
        try {
            graphics.setColor(Color.WHITE);
            graphics.fillRect(0, 0, image.getWidth(), image.getHeight());
            graphics.drawImage(image, 0, 0, null);
        } finally {
            graphics.dispose();
        }
        return opaque;
    }

    private static byte[] encode(BufferedImage image, String format, float quality) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        // In memory: ImageIO would otherwise cache the encoded image in the system temporary directory.
        try (ImageOutputStream output = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(output);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (quality > 0 && param.canWriteCompressed()) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(quality);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static Prepared refused(Reason reason, String warning) {
        return new Prepared(null, reason, List.of(warning));
    }

    private static boolean ascii(byte[] bytes, int offset, String expected) {
        for (int i = 0; i < expected.length(); i++) {
            if (bytes[offset + i] != expected.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int u8(byte[] bytes, int offset) {
        return bytes[offset] & 0xFF;
    }
}
