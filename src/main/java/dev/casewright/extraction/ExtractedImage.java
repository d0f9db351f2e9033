package dev.casewright.extraction;

import java.util.Base64;
import java.util.Objects;

/**
 * An image attachment ready for a vision-capable model: within the configured pixel and byte caps,
 * either the original bytes or a downscaled PNG or JPEG.
 *
 * @param mimeType {@code image/png}, {@code image/jpeg}, {@code image/gif} or {@code image/webp}
 * @param width width in pixels
 * @param height height in pixels
 * @param downscaled whether the image was scaled down and re-encoded to fit the caps
 */
public record ExtractedImage(byte[] bytes, String mimeType, int width, int height, boolean downscaled) {

    public ExtractedImage {
        Objects.requireNonNull(mimeType, "mimeType");
        bytes = bytes.clone();
    }

    /** A copy of the image bytes. */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public int size() {
        return bytes.length;
    }

    /** The bytes in Base64, as model APIs take images, without copying them first. */
    public String base64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ExtractedImage image
                && java.util.Arrays.equals(bytes, image.bytes)
                && mimeType.equals(image.mimeType)
                && width == image.width
                && height == image.height
                && downscaled == image.downscaled;
    }

    @Override
    public int hashCode() {
        return Objects.hash(java.util.Arrays.hashCode(bytes), mimeType, width, height, downscaled);
    }

    @Override
    public String toString() {
        return "ExtractedImage[" + mimeType + ", " + width + "x" + height + ", " + bytes.length + " bytes"
                + (downscaled ? ", downscaled" : "") + "]";
    }
}
