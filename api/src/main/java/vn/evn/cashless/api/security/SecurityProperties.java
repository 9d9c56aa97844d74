package vn.evn.cashless.api.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may sign in: {@code ledger.security.users[i]} with a bcrypt hash as password, and, unless switched off, the
 * demo accounts (on by default with the embedded database, off with an external one).
 */
@ConfigurationProperties("ledger.security")
public record SecurityProperties(List<User> users, Boolean demoAccounts) {

    public SecurityProperties {
        users = users == null ? List.of() : List.copyOf(users);
    }

    /** One configured user; {@code provider} for a provider's account, {@code branches} to limit its reach. */
    public record User(String name, String password, List<Role> roles, String provider, List<String> branches) {

        public User {
            roles = roles == null ? List.of() : List.copyOf(roles);
            branches = branches == null ? List.of() : List.copyOf(branches);
        }
    }
}
