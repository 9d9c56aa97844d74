package vn.evn.cashless.domain.shared;

/**
 * A rejection by the domain: a stable {@link ErrorCode}, the input field it concerns (if any) and a reason
 * a person can read.
 */
public class DomainException extends RuntimeException {

    private final ErrorCode code;
    private final String field;

    public DomainException(ErrorCode code, String field, String reason) {
        super(reason);
        this.code = code;
        this.field = field;
    }

    public DomainException(ErrorCode code, String reason) {
        this(code, null, reason);
    }

    public ErrorCode code() {
        return code;
    }

    /** The request field the rejection is about, or {@code null} when it concerns the request as a whole. */
    public String field() {
        return field;
    }

    public String reason() {
        return getMessage();
    }
}
