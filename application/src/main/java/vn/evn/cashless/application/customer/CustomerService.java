package vn.evn.cashless.application.customer;

import org.springframework.stereotype.Service;
import vn.evn.cashless.application.channel.ProviderDirectory;
import vn.evn.cashless.application.messaging.CommandSender;
import vn.evn.cashless.application.messaging.RequestContext;
import vn.evn.cashless.application.organisation.OrganisationDirectory;
import vn.evn.cashless.domain.channel.Provider;
import vn.evn.cashless.domain.customer.ChangePhone;
import vn.evn.cashless.domain.customer.CustomerCode;
import vn.evn.cashless.domain.customer.NotificationChannelUnregistered;
import vn.evn.cashless.domain.customer.PaymentChannelUnregistered;
import vn.evn.cashless.domain.customer.RegisterCustomer;
import vn.evn.cashless.domain.customer.RegisterNotificationChannel;
import vn.evn.cashless.domain.customer.RegisterPaymentChannel;
import vn.evn.cashless.domain.customer.UnregisterNotificationChannel;
import vn.evn.cashless.domain.customer.UnregisterPaymentChannel;
import vn.evn.cashless.domain.shared.DomainException;
import vn.evn.cashless.domain.shared.ErrorCode;

/** Registers customers and their payment and notification channels. */
@Service
public class CustomerService {

    private final CommandSender sender;
    private final OrganisationDirectory organisation;
    private final ProviderDirectory providers;

    public CustomerService(CommandSender sender, OrganisationDirectory organisation, ProviderDirectory providers) {
        this.sender = sender;
        this.organisation = organisation;
        this.providers = providers;
    }

    public void register(RegisterCustomer command, RequestContext context) {
        if (!organisation.branchExists(command.branch())) {
            throw new DomainException(ErrorCode.BRANCH_NOT_FOUND, "branch", "no branch " + command.branch());
        }
        String owner = organisation.branchOf(command.commune()).orElseThrow(() -> new DomainException(
                ErrorCode.COMMUNE_NOT_FOUND, "commune", "no commune " + command.commune()));
        if (!owner.equals(command.branch().value())) {
            throw new DomainException(ErrorCode.COMMUNE_OF_ANOTHER_BRANCH, "commune", "commune " + command.commune()
                    + " belongs to branch " + owner + ", not " + command.branch());
        }
        sender.create(command, context, new DomainException(ErrorCode.CUSTOMER_ALREADY_EXISTS, "code",
                "customer " + command.customer() + " already exists"));
    }

    public void changePhone(ChangePhone command, RequestContext context) {
        update(command.customer(), command, context);
    }

    /**
     * Registers the channel under the provider's name as first recorded, however the request spelled it, and
     * returns that name; it is looked up again on each attempt, since a conflict may be another request claiming it
     * under another spelling.
     */
    public Provider registerPaymentChannel(RegisterPaymentChannel command, RequestContext context) {
        return sender.retryingConflicts(() -> {
            RegisterPaymentChannel registration = underRecordedProvider(command);
            sender.update(registration, context, customerNotFound(command.customer()));
            return registration.provider();
        });
    }

    /**
     * The registration with its provider under the provider's one name, however the request spelled it; as the
     * request spelled it while no event has named that provider yet.
     */
    public RegisterPaymentChannel underRecordedProvider(RegisterPaymentChannel command) {
        return new RegisterPaymentChannel(command.customer(), command.kind(), providers.recorded(command.provider()),
                command.registeredAt());
    }

    public PaymentChannelUnregistered unregisterPaymentChannel(UnregisterPaymentChannel command,
                                                               RequestContext context) {
        return update(command.customer(), command, context);
    }

    public void registerNotificationChannel(RegisterNotificationChannel command, RequestContext context) {
        update(command.customer(), command, context);
    }

    public NotificationChannelUnregistered unregisterNotificationChannel(UnregisterNotificationChannel command,
                                                                         RequestContext context) {
        return update(command.customer(), command, context);
    }

    private <R> R update(CustomerCode customer, Object command, RequestContext context) {
        return sender.retryingConflicts(() -> sender.update(command, context, customerNotFound(customer)));
    }

    private static DomainException customerNotFound(CustomerCode customer) {
        return new DomainException(ErrorCode.CUSTOMER_NOT_FOUND, "code", "no customer " + customer);
    }
}
