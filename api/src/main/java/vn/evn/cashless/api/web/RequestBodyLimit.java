package vn.evn.cashless.api.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * No request body of the API comes near {@value #MAX_BYTES} bytes (a plan, the largest, is a few hundred). A larger
 * one is refused with 413 as soon as it is known to be larger: at once when its length is declared, otherwise when
 * reading passes the limit, so a client cannot make the server buffer an unbounded body.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class RequestBodyLimit extends OncePerRequestFilter {

    /** 64 KiB. */
    public static final int MAX_BYTES = 64 * 1024;

    /** Thrown by the body's stream; {@link Problems} answers it with 413. */
    public static final class BodyTooLargeException extends IOException {

        public BodyTooLargeException() {
            super("the request body is larger than " + MAX_BYTES + " bytes (64 KiB)");
        }
    }

    /** A reconciliation file is no JSON request: its upload is streamed to disk, under a limit of its own. */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return "POST".equals(request.getMethod()) && "/api/reconciliations".equals(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(new Limited(request), response);
    }

    private static final class Limited extends HttpServletRequestWrapper {

        private ServletInputStream stream;

        Limited(HttpServletRequest request) {
            super(request);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedStream(super.getInputStream(), getContentLengthLong());
            }
            return stream;
        }
    }

    private static final class LimitedStream extends ServletInputStream {

        private final ServletInputStream body;
        private final long declaredLength;
        private long read;

        LimitedStream(ServletInputStream body, long declaredLength) {
            this.body = body;
            this.declaredLength = declaredLength;
        }

        @Override
        public int read() throws IOException {
            check(0);
            int b = body.read();
            if (b >= 0) {
                check(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            check(0);
            int n = body.read(buffer, offset, length);
            if (n > 0) {
                check(n);
            }
            return n;
        }

        private void check(int justRead) throws BodyTooLargeException {
            read += justRead;
            if (declaredLength > MAX_BYTES || read > MAX_BYTES) {
                throw new BodyTooLargeException();
            }
        }

        @Override
        public boolean isFinished() {
            return body.isFinished();
        }

        @Override
        public boolean isReady() {
            return body.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            body.setReadListener(listener);
        }

        @Override
        public int available() throws IOException {
            return body.available();
        }

        @Override
        public void close() throws IOException {
            body.close();
        }
    }
}
