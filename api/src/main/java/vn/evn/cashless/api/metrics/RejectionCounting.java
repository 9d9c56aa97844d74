package vn.evn.cashless.api.metrics;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/** Counts every problem body the controllers answer, by its code (sign-in refusals are counted where written). */
@ControllerAdvice
class RejectionCounting implements ResponseBodyAdvice<Object> {

    private final LedgerMetrics metrics;

    RejectionCounting(LedgerMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                  Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
                                  ServerHttpResponse response) {
        if (body instanceof ProblemDetail problem) {
            Object code = problem.getProperties() == null ? null : problem.getProperties().get("code");
            metrics.rejection(code == null ? "UNKNOWN" : code.toString(), problem.getStatus());
        }
        return body;
    }
}
