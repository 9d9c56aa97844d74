package vn.evn.cashless.api.security;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import tools.jackson.databind.json.JsonMapper;
import vn.evn.cashless.api.metrics.LedgerMetrics;
import vn.evn.cashless.api.web.Problems;
import vn.evn.cashless.domain.shared.ErrorCode;

/**
 * Who may call what: HTTP Basic on every API request (no session), roles per endpoint here, and the branch and
 * provider a user is limited to checked by the controllers through {@link Access}. Only {@code /actuator/health} is
 * open. A refusal is a problem body like every other: 401 {@code UNAUTHENTICATED}, 403 {@code ACCESS_DENIED}; an API
 * request is never sent to a sign-in page. Browsers sign in through the form at {@code /login} instead; their session
 * cookie then also opens {@code /api/**}, under the same rules.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
public class SecurityConfiguration {

    private static final String[] READERS = {"OPERATOR", "PLANNER", "AUDITOR", "VIEWER"};
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    /** The header the dashboard's own requests carry, so that a 401 does not make the browser ask for Basic. */
    public static final String PAGE_FETCH = "X-Requested-With";

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, JsonMapper json, LedgerMetrics metrics) throws Exception {
        AuthenticationEntryPoint signIn = (request, response, e) -> {
            // The dashboard's own fetches say who they are: no Basic challenge, or the browser would ask in a dialog.
            if (request.getHeader(PAGE_FETCH) == null) {
                response.setHeader("WWW-Authenticate", "Basic realm=\"cashless-ledger\"");
            }
            write(json, metrics, response, ErrorCode.UNAUTHENTICATED, request.getRequestURI(),
                    "sign in with HTTP Basic: a known user name and its password");
        };
        http.securityMatcher("/api/**", "/actuator/**", "/error")
                // A browser signed in through the sign-in page is let through by its session; the API itself never
                // opens one (Basic signs in on every request) and never keeps a request to replay after sign-in.
                .securityContext(context -> context.securityContextRepository(new DelegatingSecurityContextRepository(
                        new RequestAttributeSecurityContextRepository(), new HttpSessionSecurityContextRepository())))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                .requestCache(cache -> cache.disable())
                // Only a request that rides on a session cookie can be forged by another site; Basic clients and
                // anonymous ones are left as they were.
                .csrf(csrf -> csrf.requireCsrfProtectionMatcher(SecurityConfiguration::ridesOnSessionCookie))
                .httpBasic(basic -> basic.realmName("cashless-ledger").authenticationEntryPoint(signIn))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(signIn)
                        .accessDeniedHandler((request, response, e) -> write(json, metrics, response,
                                ErrorCode.ACCESS_DENIED, request.getRequestURI(),
                                "your roles do not allow " + request.getMethod() + " " + request.getRequestURI())))
                .authorizeHttpRequests(rules -> rules
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/error").permitAll()
                        .requestMatchers("/actuator/prometheus").hasRole("ADMIN")
                        // the rules below are per method; a HEAD would slip past the GET rules, and nobody needs it
                        .requestMatchers(HttpMethod.HEAD, "/api/**").denyAll()
                        .requestMatchers("/api/audit/**").hasRole("AUDITOR")
                        .requestMatchers(HttpMethod.GET, "/api/admin/projections", "/api/admin/projections/*/checksum")
                        .hasAnyRole("ADMIN", "AUDITOR")
                        .requestMatchers("/api/admin/**").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.POST, "/api/payments").hasAnyRole("OPERATOR", "PROVIDER")
                        .requestMatchers(HttpMethod.GET, "/api/payments/*")
                        .hasAnyRole("OPERATOR", "PROVIDER", "PLANNER", "AUDITOR", "VIEWER")
                        .requestMatchers(HttpMethod.POST, "/api/reconciliations").hasAnyRole("OPERATOR", "PROVIDER")
                        .requestMatchers(HttpMethod.GET, "/api/reconciliations/*").hasAnyRole("OPERATOR", "PROVIDER")
                        .requestMatchers(HttpMethod.PUT, "/api/plans/**").hasRole("PLANNER")
                        .requestMatchers(HttpMethod.POST, "/api/notices/receipts").hasRole("GATEWAY")
                        .requestMatchers(HttpMethod.GET, "/api/status").authenticated()
                        .requestMatchers(HttpMethod.GET, "/api/branches", "/api/branches/*/communes", "/api/customers",
                                "/api/bills/*", "/api/plans/*/*", "/api/companies/*/progress",
                                "/api/customers/*/notices", "/api/branches/*/notices",
                                "/api/branches/*/unreachable-phones").hasAnyRole(READERS)
                        .requestMatchers(HttpMethod.GET, "/api/**").hasAnyRole(READERS)
                        .requestMatchers("/api/payments/*/reversal", "/api/bills", "/api/branches/**",
                                "/api/customers/**").hasRole("OPERATOR")
                        .anyRequest().authenticated());
        return http.build();
    }

    /**
     * The pages (the dashboard): a sign-in form of the project's own at {@code /login}, a session cookie, CSRF tokens
     * on the form posts (sign-in, sign-out). Whatever a page shows it reads from {@code /api/**}, where the rules
     * above decide.
     */
    @Bean
    @Order(2)
    SecurityFilterChain pages(HttpSecurity http) throws Exception {
        http.formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false).failureUrl("/login?error")
                        .permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout").permitAll())
                .authorizeHttpRequests(rules -> rules
                        .dispatcherTypeMatchers(DispatcherType.FORWARD, DispatcherType.ERROR).permitAll()
                        .requestMatchers("/login", "/login.html", "/session", "/css/**", "/js/**", "/webjars/**",
                                "/favicon.ico", "/favicon.svg").permitAll()
                        // the API's description and its try-it page: what exists is no secret, using it is
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                        .permitAll()
                        .anyRequest().authenticated());
        return http.build();
    }

    /** A state-changing request that carries a session cookie and no Basic credentials of its own. */
    private static boolean ridesOnSessionCookie(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        boolean basic = authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
        return !SAFE_METHODS.contains(request.getMethod()) && !basic && request.getRequestedSessionId() != null;
    }

    /** Signs in against {@link Accounts}; the principal is the {@link LedgerUser}. */
    @Bean
    AuthenticationProvider signInAgainstAccounts(Accounts accounts) {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) {
                String name = authentication.getName();
                String password = authentication.getCredentials() == null ? null
                        : authentication.getCredentials().toString();
                LedgerUser user = accounts.signIn(name, password)
                        .orElseThrow(() -> new BadCredentialsException("unknown user or wrong password"));
                List<SimpleGrantedAuthority> authorities = user.roles().stream()
                        .map(role -> new SimpleGrantedAuthority("ROLE_" + role.name())).toList();
                return UsernamePasswordAuthenticationToken.authenticated(user, null, authorities);
            }

            @Override
            public boolean supports(Class<?> type) {
                return UsernamePasswordAuthenticationToken.class.isAssignableFrom(type);
            }
        };
    }

    private static void write(JsonMapper json, LedgerMetrics metrics, HttpServletResponse response, ErrorCode code,
                              String path, String reason) throws IOException {
        ProblemDetail problem = Problems.problemDetail(code, null, reason);
        metrics.rejection(code.name(), problem.getStatus());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.getType().toString());
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        body.put("instance", path);
        body.putAll(problem.getProperties());
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), body);
    }
}
