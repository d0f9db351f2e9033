package dev.casewright.extraction;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads at most a given number of bytes and fails as soon as the source offers more. */
final class ByteLimitedInputStream extends FilterInputStream {

    /** The source had more bytes than allowed; reading stopped right after the limit. */
    static final class TooManyBytesException extends IOException {
        TooManyBytesException(long limit) {
            super("More than " + limit + " bytes");
        }
    }

    private final long limit;
    private long count;

    ByteLimitedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        // Never ask for more than one byte past the limit: that byte is enough to know it was exceeded.
        int wanted = (int) Math.min(length, limit - count + 1);
        int read = super.read(buffer, offset, wanted);
        if (read > 0) {
            counted(read);
        }
        return read;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(Math.min(n, limit - count + 1));
        counted(skipped);
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void counted(long bytes) throws TooManyBytesException {
        count += bytes;
        if (count > limit) {
            throw new TooManyBytesException(limit);
        }
    }
}
