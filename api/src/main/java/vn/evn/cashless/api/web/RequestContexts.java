package vn.evn.cashless.api.web;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import vn.evn.cashless.api.security.LedgerUser;
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
 * Reads the conversation ({@code X-Correlation-Id}, made up when absent) from each request and returns it on the
 * response so the caller can find its events again. Who is acting is the signed-in user, never a header a client
 * writes: the actor stored on every event is an audit fact.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestContexts extends OncePerRequestFilter {

    public static final String CORRELATION_HEADER = "X-Correlation-Id";
    private static final String ATTRIBUTE = RequestContext.class.getName();
    private static final int MAX_HEADER = 128;

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        RequestContext context = new RequestContext(null, clip(request.getHeader(CORRELATION_HEADER)), "api");
        request.setAttribute(ATTRIBUTE, context);
        response.setHeader(CORRELATION_HEADER, context.correlationId());
        chain.doFilter(request, response);
    }

    /** The request's context, acted by the signed-in user. */
    public static RequestContext of(HttpServletRequest request) {
        RequestContext context = (RequestContext) request.getAttribute(ATTRIBUTE);
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        String actor = authentication != null && authentication.getPrincipal() instanceof LedgerUser user
                ? user.name() : null;
        return new RequestContext(actor, context.correlationId(), context.source());
    }

    private static String clip(String header) {
        return header == null || header.length() <= MAX_HEADER ? header : header.substring(0, MAX_HEADER);
    }
}
