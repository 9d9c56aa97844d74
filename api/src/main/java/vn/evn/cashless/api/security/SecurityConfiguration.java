package vn.evn.cashless.api.security;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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
import tools.jackson.databind.json.JsonMapper;
import vn.evn.cashless.api.web.Problems;
import vn.evn.cashless.domain.shared.ErrorCode;

/**
 * Who may call what: HTTP Basic on every request (no session), roles per endpoint here, and the branch and provider
 * a user is limited to checked by the controllers through {@link Access}. Only {@code /actuator/health} is open.
 * A refusal is a problem body like every other: 401 {@code UNAUTHENTICATED}, 403 {@code ACCESS_DENIED}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
public class SecurityConfiguration {

    private static final String[] READERS = {"OPERATOR", "PLANNER", "AUDITOR", "VIEWER"};

    @Bean
    SecurityFilterChain api(HttpSecurity http, JsonMapper json) throws Exception {
        AuthenticationEntryPoint signIn = (request, response, e) -> {
            response.setHeader("WWW-Authenticate", "Basic realm=\"cashless-ledger\"");
            write(json, response, ErrorCode.UNAUTHENTICATED, request.getRequestURI(),
                    "sign in with HTTP Basic: a known user name and its password");
        };
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.realmName("cashless-ledger").authenticationEntryPoint(signIn))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(signIn)
                        .accessDeniedHandler((request, response, e) -> write(json, response,
                                ErrorCode.ACCESS_DENIED, request.getRequestURI(),
                                "your roles do not allow " + request.getMethod() + " " + request.getRequestURI())))
                .authorizeHttpRequests(rules -> rules
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/error").permitAll()
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
                        .requestMatchers(HttpMethod.GET, "/api/status").authenticated()
                        .requestMatchers(HttpMethod.GET, "/api/**").hasAnyRole(READERS)
                        .requestMatchers("/api/payments/*/reversal", "/api/bills", "/api/branches/**",
                                "/api/customers/**").hasRole("OPERATOR")
                        .anyRequest().authenticated());
        return http.build();
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

    private static void write(JsonMapper json, HttpServletResponse response, ErrorCode code, String path,
                              String reason) throws IOException {
        ProblemDetail problem = Problems.problemDetail(code, null, reason);
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
