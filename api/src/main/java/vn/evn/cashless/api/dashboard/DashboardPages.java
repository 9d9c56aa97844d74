package vn.evn.cashless.api.dashboard;

import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import vn.evn.cashless.api.security.LedgerUser;

/**
 * The dashboard's pages: static files under {@code resources/static} (no front-end build), the sign-in page at
 * {@code /login}, and what the pages need to know of their session: who is signed in and the CSRF token their form
 * posts (sign-in, sign-out) carry.
 */
@RestController
public class DashboardPages implements WebMvcConfigurer {

    /** The signed-in user ({@code null} before sign-in) and the token a form post must carry. */
    public record Session(String user, List<String> roles, List<String> branches, Csrf csrf) {
    }

    public record Csrf(String parameterName, String headerName, String token) {
    }

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addViewController("/login").setViewName("forward:/login.html");
    }

    @GetMapping("/session")
    public ResponseEntity<Session> session(Authentication authentication, CsrfToken csrf) {
        Csrf token = new Csrf(csrf.getParameterName(), csrf.getHeaderName(), csrf.getToken());
        Session session = authentication != null && authentication.getPrincipal() instanceof LedgerUser user
                ? new Session(user.name(), user.roles().stream().map(Enum::name).sorted().toList(),
                        user.branches().stream().sorted().toList(), token)
                : new Session(null, List.of(), List.of(), token);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(session);
    }
}
