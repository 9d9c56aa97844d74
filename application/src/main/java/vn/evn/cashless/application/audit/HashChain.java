package vn.evn.cashless.application.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Consumer;

/**
 * The hash chain over the event history, in global order: {@code link(n) = SHA-256(link(n-1) || canonical(n))},
 * starting from {@link #GENESIS}. The one definition the chain writer and the verifier both use; written down for
 * auditors in docs/tamper-evidence.md, which this code must match byte for byte.
 *
 * <p>{@code canonical(n)} is a sequence of fields, each written as its length (4 bytes, big-endian, signed)
 * followed by that many bytes; a NULL is the length -1 and no bytes. Numbers are 8 bytes, big-endian; texts are
 * their stored characters in UTF-8; payload and metadata are the stored bytes. The fields, in order: the format
 * tag {@value #FORMAT}, position, event id, payload type, payload revision, aggregate type, aggregate id,
 * sequence number, payload, metadata, timestamp. Length prefixes make the encoding unambiguous: no two different
 * rows give the same bytes, however their texts are made up.
 *
 * <p>Not thread-safe: one instance follows one walk along the chain.
 */
public final class HashChain {

    /** The link before the first event: 32 zero bytes. */
    public static final byte[] GENESIS = new byte[32];

    /** The first field of every event's canonical bytes; a later encoding would change it. */
    public static final String FORMAT = "cashless-ledger/audit-chain/1";

    private static final byte[] FORMAT_BYTES = FORMAT.getBytes(StandardCharsets.UTF_8);
    private static final HexFormat HEX = HexFormat.of();

    private final MessageDigest sha256;
    private byte[] link;

    /** A walk that continues after the given link ({@link #GENESIS} for the first event). */
    public HashChain(byte[] previousLink) {
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        this.link = previousLink.clone();
    }

    /** Links the next event onto the chain and returns its link. */
    public byte[] append(HashChainEvent event) {
        sha256.update(link);
        writeCanonical(event, sha256::update);
        link = sha256.digest();
        return link.clone();
    }

    /** The canonical bytes of one event, as hashed: for auditors' tools and tests. */
    public static byte[] canonicalBytes(HashChainEvent event) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        writeCanonical(event, out::writeBytes);
        return out.toByteArray();
    }

    public static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    private static void writeCanonical(HashChainEvent event, Consumer<byte[]> out) {
        field(out, FORMAT_BYTES);
        field(out, number(event.position()));
        field(out, text(event.eventId()));
        field(out, text(event.payloadType()));
        field(out, text(event.payloadRevision()));
        field(out, text(event.aggregateType()));
        field(out, text(event.aggregateId()));
        field(out, number(event.sequenceNumber()));
        field(out, event.payload());
        field(out, event.metadata());
        field(out, text(event.timestamp()));
    }

    private static void field(Consumer<byte[]> out, byte[] value) {
        int length = value == null ? -1 : value.length;
        out.accept(new byte[]{(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length});
        if (value != null) {
            out.accept(value);
        }
    }

    private static byte[] number(long value) {
        byte[] bytes = new byte[8];
        for (int i = 7; i >= 0; i--) {
            bytes[i] = (byte) value;
            value >>>= 8;
        }
        return bytes;
    }

    private static byte[] text(String value) {
        return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    }
}
