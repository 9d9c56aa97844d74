package vn.evn.cashless.api.support;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The user the end-to-end tests sign in as unless a test says otherwise: configured like any user
 * ({@code ledger.security.users}), with every role that changes or reads data company-wide. Beside it, an
 * administrator and auditor limited to the branch BM, whom the company-wide endpoints must refuse.
 */
public final class Tester {

    public static final String NAME = "tester";
    public static final String PASSWORD = "tester-password";
    private static final String HASH = new BCryptPasswordEncoder().encode(PASSWORD);
    public static final String BRANCH_ADMIN = "bm-admin";
    public static final String BRANCH_ADMIN_PASSWORD = "bm-admin-password";
    private static final String BRANCH_ADMIN_HASH = new BCryptPasswordEncoder().encode(BRANCH_ADMIN_PASSWORD);

    private Tester() {
    }

    /** The Authorization header of HTTP Basic for a user. */
    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The tester's Authorization header. */
    public static String authorization() {
        return basic(NAME, PASSWORD);
    }

    /** Makes the tester a user of a test's own application context. */
    public static void register(DynamicPropertyRegistry registry) {
        for (String setting : settings()) {
            String[] pair = setting.split("=", 2);
            registry.add(pair[0], () -> pair[1]);
        }
    }

    /** The settings that make the tester and the branch's administrator users, as {@code name=value} pairs. */
    public static List<String> settings() {
        return List.of("ledger.security.users[0].name=" + NAME, "ledger.security.users[0].password=" + HASH,
                "ledger.security.users[0].roles=OPERATOR,PLANNER,AUDITOR,ADMIN",
                "ledger.security.users[1].name=" + BRANCH_ADMIN,
                "ledger.security.users[1].password=" + BRANCH_ADMIN_HASH,
                "ledger.security.users[1].roles=ADMIN,AUDITOR", "ledger.security.users[1].branches=BM");
    }
}
