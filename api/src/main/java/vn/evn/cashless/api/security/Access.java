package vn.evn.cashless.api.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import vn.evn.cashless.application.customer.CustomerDirectory;
import vn.evn.cashless.domain.channel.Provider;
import vn.evn.cashless.domain.customer.CustomerCode;
import vn.evn.cashless.domain.shared.DomainException;
import vn.evn.cashless.domain.shared.ErrorCode;

/**
 * What the signed-in user may reach beyond its roles: the branches it is limited to, and, for a provider's account,
 * its own provider. Controllers ask before they read or send anything, so a refused request stores nothing.
 */
@Component
public class Access {

    private final CustomerDirectory customers;

    public Access(CustomerDirectory customers) {
        this.customers = customers;
    }

    /** The signed-in user. */
    public LedgerUser user() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof LedgerUser user) {
            return user;
        }
        throw new DomainException(ErrorCode.UNAUTHENTICATED, "sign in with HTTP Basic: a user name and password");
    }

    /** Refuses a user limited to other branches. */
    public void requireBranch(String branch) {
        LedgerUser user = user();
        if (!user.mayActFor(branch)) {
            throw new DomainException(ErrorCode.ACCESS_DENIED, "branch",
                    user.name() + " may act for branches " + user.branches() + " only, not " + branch);
        }
    }

    /** Refuses a user limited to branches other than the customer's; an unknown customer is left to its 404. */
    public void requireCustomer(CustomerCode customer) {
        requireCustomer(user(), customer);
    }

    /** {@link #requireCustomer(CustomerCode)} for a given user, as work done for it outside its request needs. */
    public void requireCustomer(LedgerUser user, CustomerCode customer) {
        if (user.limitedToBranches()) {
            customers.find(customer).ifPresent(placement -> {
                if (!user.mayActFor(placement.branch().value())) {
                    throw new DomainException(ErrorCode.ACCESS_DENIED, "branch", user.name() + " may act for branches "
                            + user.branches() + " only, not " + placement.branch().value());
                }
            });
        }
    }

    /** Refuses a user limited to some branches: the whole company's data is asked for. */
    public void requireWholeCompany() {
        LedgerUser user = user();
        if (user.limitedToBranches()) {
            throw new DomainException(ErrorCode.ACCESS_DENIED, user.name() + " may act for branches "
                    + user.branches() + " only, and this covers the whole company");
        }
    }

    /** A provider's account speaks for its own provider only; everyone else's payments are not its business. */
    public void requireProvider(Provider provider) {
        requireProvider(user(), provider);
    }

    /** {@link #requireProvider(Provider)} for a given user, as work done for it outside its request needs. */
    public void requireProvider(LedgerUser user, Provider provider) {
        if (user.has(Role.PROVIDER) && !user.has(Role.OPERATOR)
                && !Provider.of(user.provider()).key().equals(provider.key())) {
            throw new DomainException(ErrorCode.ACCESS_DENIED, "provider",
                    user.name() + " speaks for " + user.provider() + " only, not " + provider);
        }
    }

    /** Only a provider's account is limited to its own payments. */
    public boolean limitedToOwnProvider() {
        LedgerUser user = user();
        return user.has(Role.PROVIDER) && !user.has(Role.OPERATOR);
    }
}
