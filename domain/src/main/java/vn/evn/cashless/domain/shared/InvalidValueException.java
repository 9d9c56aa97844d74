package vn.evn.cashless.domain.shared;

/** A value that breaks its type's rules; it can never be constructed. */
public class InvalidValueException extends DomainException {

    public InvalidValueException(String field, String reason) {
        super(ErrorCode.INVALID_VALUE, field, reason);
    }

    /** The same rejection, attributed to the request field the value came from. */
    public InvalidValueException forField(String requestField) {
        return new InvalidValueException(requestField, reason());
    }
}
