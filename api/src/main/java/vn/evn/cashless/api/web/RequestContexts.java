package vn.evn.cashless.api.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import vn.evn.cashless.application.messaging.RequestContext;

/**
 * Reads who is acting ({@code X-Actor}) and the conversation ({@code X-Correlation-Id}, made up when absent) from
 * each request, and returns the correlation id on the response so the caller can find its events again.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestContexts extends OncePerRequestFilter {

    public static final String ACTOR_HEADER = "X-Actor";
    public static final String CORRELATION_HEADER = "X-Correlation-Id";
    private static final String ATTRIBUTE = RequestContext.class.getName();
    private static final int MAX_HEADER = 128;

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        RequestContext context = new RequestContext(clip(request.getHeader(ACTOR_HEADER)),
                clip(request.getHeader(CORRELATION_HEADER)), "api");
        request.setAttribute(ATTRIBUTE, context);
        response.setHeader(CORRELATION_HEADER, context.correlationId());
        chain.doFilter(request, response);
    }

    public static RequestContext of(HttpServletRequest request) {
        return (RequestContext) request.getAttribute(ATTRIBUTE);
    }

    private static String clip(String header) {
        return header == null || header.length() <= MAX_HEADER ? header : header.substring(0, MAX_HEADER);
    }
}
