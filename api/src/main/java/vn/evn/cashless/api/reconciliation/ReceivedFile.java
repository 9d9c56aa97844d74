package vn.evn.cashless.api.reconciliation;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import vn.evn.cashless.domain.shared.InvalidValueException;

/**
 * An uploaded file, streamed to a temporary file of its own as it arrives (never held whole in memory), with its
 * SHA-256, its size and its number of lines, and checked to be UTF-8 on the way.
 */
record ReceivedFile(Path path, String sha256, long bytes, long lines) {

    /** Thrown when the upload passes the size limit; answered with 413. */
    static final class TooLarge extends RuntimeException {
        TooLarge(long limit) {
            super("the file is larger than " + limit + " bytes");
        }
    }

    static ReceivedFile save(InputStream in, long maxBytes) {
        Path path;
        try {
            path = Files.createTempFile("reconciliation-", ".csv");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (OutputStream out = Files.newOutputStream(path)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
            CharBuffer chars = CharBuffer.allocate(1 << 16);
            ByteBuffer pending = ByteBuffer.allocate((1 << 16) + 8);
            byte[] buffer = new byte[1 << 16];
            long bytes = 0;
            long lines = 0;
            boolean endsWithNewline = true;
            for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
                bytes += n;
                if (bytes > maxBytes) {
                    throw new TooLarge(maxBytes);
                }
                out.write(buffer, 0, n);
                digest.update(buffer, 0, n);
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
                if (n > 0) {
                    endsWithNewline = buffer[n - 1] == '\n';
                }
                pending.put(buffer, 0, n).flip();
                decode(utf8, pending, chars, false, lines);
                pending.compact();
            }
            pending.flip();
            decode(utf8, pending, chars, true, lines);
            return new ReceivedFile(path, HexFormat.of().formatHex(digest.digest()), bytes,
                    lines + (endsWithNewline ? 0 : 1));
        } catch (IOException e) {
            delete(path);
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            delete(path);
            throw new IllegalStateException(e);
        } catch (RuntimeException e) {
            delete(path);
            throw e;
        }
    }

    private static void decode(CharsetDecoder utf8, ByteBuffer bytes, CharBuffer chars, boolean end, long lines) {
        while (true) {
            CoderResult result = utf8.decode(bytes, chars, end);
            chars.clear();
            if (result.isError()) {
                throw new InvalidValueException("file", "is not UTF-8 text (near line " + (lines + 1) + ")");
            }
            if (result.isUnderflow()) {
                if (end) {
                    CoderResult flushed = utf8.flush(chars);
                    chars.clear();
                    if (flushed.isError()) {
                        throw new InvalidValueException("file", "is not UTF-8 text (at its end)");
                    }
                }
                return;
            }
        }
    }

    void delete() {
        delete(path);
    }

    private static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // a temporary file left behind is the operating system's to clear
        }
    }
}
