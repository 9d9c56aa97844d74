package vn.evn.cashless.api.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The users who may sign in, from configuration, and the demo accounts when they are on. Passwords are kept as bcrypt
 * hashes only. Checking a bcrypt hash takes tens of milliseconds by design; since every request of a stateless API
 * signs in again, a password once checked is remembered as its SHA-256 for the life of the process, never stored.
 */
@Component
public class Accounts {

    /** The demo accounts: each one's password is its name. */
    public static final List<SecurityProperties.User> DEMO = List.of(
            new SecurityProperties.User("operator", null, List.of(Role.OPERATOR), null, null),
            new SecurityProperties.User("planner", null, List.of(Role.PLANNER), null, null),
            new SecurityProperties.User("auditor", null, List.of(Role.AUDITOR), null, null),
            new SecurityProperties.User("viewer", null, List.of(Role.VIEWER), null, null),
            new SecurityProperties.User("admin", null, List.of(Role.ADMIN), null, null),
            new SecurityProperties.User("gateway", null, List.of(Role.GATEWAY), null, null),
            new SecurityProperties.User("agribank", null, List.of(Role.PROVIDER), "Agribank", null),
            new SecurityProperties.User("vietcombank", null, List.of(Role.PROVIDER), "Vietcombank", null),
            new SecurityProperties.User("momo", null, List.of(Role.PROVIDER), "MoMo", null),
            new SecurityProperties.User("zalopay", null, List.of(Role.PROVIDER), "ZaloPay", null),
            new SecurityProperties.User("viettel", null, List.of(Role.PROVIDER), "Viettel", null),
            new SecurityProperties.User("bm-operator", null, List.of(Role.OPERATOR), null, List.of("BM")),
            new SecurityProperties.User("bm-viewer", null, List.of(Role.VIEWER), null, List.of("BM")));

    private static final Logger log = LoggerFactory.getLogger(Accounts.class);

    private record Account(LedgerUser user, String hash) {
    }

    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();
    private final Map<String, Account> accounts = new LinkedHashMap<>();
    private final Map<String, String> checked = new ConcurrentHashMap<>();

    public Accounts(SecurityProperties properties, Environment environment) {
        boolean demo = properties.demoAccounts() != null ? properties.demoAccounts()
                : !environment.containsProperty("spring.datasource.url");
        if (demo) {
            for (SecurityProperties.User user : DEMO) {
                add(user, bcrypt.encode(user.name()));
            }
            log.warn("Demo accounts are on: {} can sign in with their own name as password. "
                    + "Switch them off with ledger.security.demo-accounts=false.",
                    DEMO.stream().map(SecurityProperties.User::name).toList());
        }
        for (SecurityProperties.User user : properties.users()) {
            if (user.password() == null || !user.password().startsWith("$2")) {
                throw new IllegalStateException("ledger.security.users: the password of " + user.name()
                        + " must be a bcrypt hash ($2a$…, $2b$… or $2y$…), never the password itself");
            }
            add(user, user.password());
        }
    }

    private void add(SecurityProperties.User user, String hash) {
        if (user.name() == null || user.name().isBlank() || user.roles().isEmpty()) {
            throw new IllegalStateException("ledger.security.users: every user needs a name and at least one role");
        }
        if (user.roles().contains(Role.PROVIDER) && (user.provider() == null || user.provider().isBlank())) {
            throw new IllegalStateException("ledger.security.users: " + user.name()
                    + " has the role PROVIDER and must name its provider");
        }
        accounts.put(user.name(), new Account(new LedgerUser(user.name(), EnumSet.copyOf(user.roles()),
                user.provider(), new HashSet<>(user.branches())), hash));
    }

    /** The user with this name and password, if there is one. */
    public Optional<LedgerUser> signIn(String name, String password) {
        Account account = accounts.get(name);
        if (account == null || password == null) {
            return Optional.empty();
        }
        String fingerprint = sha256(name + '\u0000' + password);
        String known = checked.get(name);
        if (known != null && MessageDigest.isEqual(known.getBytes(StandardCharsets.UTF_8),
                fingerprint.getBytes(StandardCharsets.UTF_8))) {
            return Optional.of(account.user());
        }
        if (!bcrypt.matches(password, account.hash())) {
            return Optional.empty();
        }
        checked.put(name, fingerprint);
        return Optional.of(account.user());
    }

    public List<LedgerUser> all() {
        return new ArrayList<>(accounts.values().stream().map(Account::user).toList());
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
