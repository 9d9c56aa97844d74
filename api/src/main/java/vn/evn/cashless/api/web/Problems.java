package vn.evn.cashless.api.web;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import vn.evn.cashless.application.messaging.Causes;
import vn.evn.cashless.domain.shared.DomainException;
import vn.evn.cashless.domain.shared.ErrorCode;

/**
 * Every rejection as an RFC 9457 problem: a {@code type} per error code, the {@code code} clients switch on, and
 * the {@code field} and {@code reason} a person reads. Nothing a client can send ends in a 500.
 */
@RestControllerAdvice
public class Problems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(Problems.class);
    private static final String TYPE_PREFIX = "urn:cashless-ledger:problem:";

    @ExceptionHandler(DomainException.class)
    ResponseEntity<Object> domain(DomainException e) {
        return problem(statusOf(e.code()), e.code(), e.field(), e.reason());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException e) {
        return problem(HttpStatus.BAD_REQUEST, ErrorCode.INVALID_VALUE, e.getName(), "has the wrong form");
    }

    /**
     * A {@code multipart/form-data} body that cannot be read as one (no boundary, cut short). Too large a one is
     * {@code 413}, by the handler of its own, more specific, exception.
     */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<Object> malformedMultipart(MultipartException e) {
        return problem(HttpStatus.BAD_REQUEST, ErrorCode.INVALID_VALUE, null,
                "the request body is not a well-formed multipart/form-data body");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        log.error("Unexpected failure", e);
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "the request could not be completed; it is logged for the operators");
        body.setType(URI.create(TYPE_PREFIX + "internal-error"));
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(body);
    }

    @ExceptionHandler(RequestBodyLimit.BodyTooLargeException.class)
    ResponseEntity<Object> tooLarge(RequestBodyLimit.BodyTooLargeException e) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, "CONTENT_TOO_LARGE", null, e.getMessage());
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        RequestBodyLimit.BodyTooLargeException tooLarge = Causes.find(e, RequestBodyLimit.BodyTooLargeException.class);
        if (tooLarge != null) {
            return tooLarge(tooLarge);
        }
        JacksonException json = Causes.find(e, JacksonException.class);
        if (json == null) {
            return problem(HttpStatus.BAD_REQUEST, ErrorCode.INVALID_VALUE, null,
                    "the request body is missing or is not JSON");
        }
        String field = path(json.getPath());
        if (field == null) {
            return problem(HttpStatus.BAD_REQUEST, ErrorCode.INVALID_VALUE, null, bodyReason(json));
        }
        return problem(HttpStatus.BAD_REQUEST, ErrorCode.INVALID_VALUE, field, fieldReason(json));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException e,
                                                                     HttpHeaders headers, HttpStatusCode status,
                                                                     WebRequest request) {
        // JSON everywhere, except where an endpoint takes files (a reconciliation: text/csv or multipart/form-data)
        boolean json = e.getSupportedMediaTypes().isEmpty() || e.getSupportedMediaTypes().stream()
                .anyMatch(type -> type.isCompatibleWith(MediaType.APPLICATION_JSON));
        String expected = json ? "application/json" : String.join(" or ", e.getSupportedMediaTypes().stream()
                .map(type -> type.getType() + "/" + type.getSubtype()).distinct().toList());
        return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE", "Content-Type",
                "must be " + expected + (e.getContentType() == null ? "" : ", not " + e.getContentType()));
    }

    /** What is wrong with the body as a whole: not JSON at all, or JSON of the wrong shape. */
    private static String bodyReason(JacksonException json) {
        if (json instanceof MismatchedInputException) {
            JsonToken token = json.processor() instanceof JsonParser parser ? parser.currentToken() : null;
            boolean array = token == JsonToken.START_ARRAY || String.valueOf(json.getOriginalMessage())
                    .contains("START_ARRAY");
            return array ? "the request body must be a JSON object, not an array"
                    : "the request body must be a JSON object";
        }
        return "the request body is not valid JSON";
    }

    /** What is wrong with one field, in the words a client needs to fix it. */
    private static String fieldReason(JacksonException json) {
        if (json instanceof UnrecognizedPropertyException unknown) {
            return "is not a field of this request" + (unknown.getKnownPropertyIds() == null ? ""
                    : "; its fields are " + String.join(", ", unknown.getKnownPropertyIds().stream()
                    .map(String::valueOf).sorted().toList()));
        }
        if (json instanceof InvalidFormatException format && integral(format.getTargetType())
                && (format.getValue() instanceof Double || format.getValue() instanceof Float
                || format.getValue() instanceof BigDecimal)) {
            return "must be a whole number, not fractional";
        }
        if (json instanceof InputCoercionException) {
            return "is out of range";
        }
        if (json instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "must be " + expected(mismatch.getTargetType());
        }
        return "has the wrong type or form";
    }

    private static boolean integral(Class<?> type) {
        return type == Long.class || type == long.class || type == Integer.class || type == int.class
                || type == BigInteger.class;
    }

    private static String expected(Class<?> type) {
        if (type == String.class) {
            return "text (a JSON string)";
        }
        if (integral(type)) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list (a JSON array)";
        }
        return "an object (a JSON object)";
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
                                                                          HttpHeaders headers, HttpStatusCode status,
                                                                          WebRequest request) {
        return problem(HttpStatus.BAD_REQUEST, ErrorCode.INVALID_VALUE, e.getParameterName(), "is required");
    }

    /**
     * Rejections Spring itself makes (an unknown path, a wrong method, a body that is not JSON) get the same fields
     * as the ledger's own, so clients need one way to read them.
     */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(e, body, headers, status, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem
                && (problem.getProperties() == null || !problem.getProperties().containsKey("code"))) {
            HttpStatus known = HttpStatus.resolve(status.value());
            String code = known == null ? "HTTP_" + status.value() : known.name();
            describe(problem, code, null, problem.getDetail() == null ? problem.getTitle() : problem.getDetail());
        }
        return response;
    }

    public static HttpStatus statusOf(ErrorCode code) {
        return switch (code.kind()) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case BUSINESS_RULE -> HttpStatus.UNPROCESSABLE_CONTENT;
        };
    }

    private static ResponseEntity<Object> problem(HttpStatus status, ErrorCode code, String field, String reason) {
        return problem(status, code.name(), field, reason);
    }

    private static ResponseEntity<Object> problem(HttpStatus status, String code, String field, String reason) {
        String detail = field == null ? reason : field + ": " + reason;
        // an answered rejection is the client's business: one line, for whoever debugs a conversation
        log.debug("Rejected with {} {}: {}", status.value(), code, detail);
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setTitle(title(code));
        describe(body, code, field, reason);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }

    /** The problem body of a rejection with {@code code}, for those written outside a controller (sign-in). */
    public static ProblemDetail problemDetail(ErrorCode code, String field, String reason) {
        String detail = field == null ? reason : field + ": " + reason;
        ProblemDetail body = ProblemDetail.forStatusAndDetail(statusOf(code), detail);
        body.setTitle(title(code.name()));
        describe(body, code.name(), field, reason);
        return body;
    }

    /** The fields every problem of the ledger carries: a type per code, the code, the field and the reason. */
    private static void describe(ProblemDetail problem, String code, String field, String reason) {
        problem.setType(URI.create(TYPE_PREFIX + code.toLowerCase(Locale.ROOT).replace('_', '-')));
        problem.setProperty("code", code);
        if (field != null) {
            problem.setProperty("field", field);
        }
        problem.setProperty("reason", reason);
        // in this order whatever the process: Map.of would list the two fields in an order drawn at each start
        Map<String, String> error = new LinkedHashMap<>();
        if (field != null) {
            error.put("field", field);
        }
        error.put("reason", reason);
        problem.setProperty("errors", List.of(error));
    }

    private static String title(String code) {
        String words = code.toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static String path(List<JacksonException.Reference> references) {
        if (references == null || references.isEmpty()) {
            return null;
        }
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : references) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? null : path.toString();
    }
}
