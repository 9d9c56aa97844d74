package vn.evn.cashless.api.customer;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.evn.cashless.api.billing.PaymentJson;
import vn.evn.cashless.api.security.Access;
import vn.evn.cashless.api.security.LedgerUser;
import vn.evn.cashless.api.web.Inputs;
import vn.evn.cashless.api.web.Paging;
import vn.evn.cashless.api.web.Queries;
import vn.evn.cashless.api.web.RequestContexts;
import vn.evn.cashless.api.web.Times;
import vn.evn.cashless.application.customer.CustomerService;
import vn.evn.cashless.domain.channel.ChannelKind;
import vn.evn.cashless.domain.channel.NotificationChannel;
import vn.evn.cashless.domain.channel.Provider;
import vn.evn.cashless.domain.customer.ChangePhone;
import vn.evn.cashless.domain.customer.CustomerCode;
import vn.evn.cashless.domain.customer.NotificationChannelUnregistered;
import vn.evn.cashless.domain.customer.PaymentChannelUnregistered;
import vn.evn.cashless.domain.customer.PhoneNumber;
import vn.evn.cashless.domain.customer.RegisterCustomer;
import vn.evn.cashless.domain.customer.RegisterNotificationChannel;
import vn.evn.cashless.domain.customer.RegisterPaymentChannel;
import vn.evn.cashless.domain.customer.UnregisterNotificationChannel;
import vn.evn.cashless.domain.customer.UnregisterPaymentChannel;
import vn.evn.cashless.domain.organisation.BranchCode;
import vn.evn.cashless.domain.organisation.CommuneCode;
import vn.evn.cashless.domain.shared.DomainException;
import vn.evn.cashless.domain.shared.ErrorCode;
import vn.evn.cashless.domain.shared.InvalidValueException;
import vn.evn.cashless.projections.customer.CustomerPage;
import vn.evn.cashless.projections.customer.CustomerView;
import vn.evn.cashless.projections.customer.FindCustomer;
import vn.evn.cashless.projections.customer.FindCustomerPayments;
import vn.evn.cashless.projections.customer.FindCustomers;
import vn.evn.cashless.projections.customer.PaymentPage;
import vn.evn.cashless.projections.customer.PaymentView;
import vn.evn.cashless.projections.customer.SearchText;
import vn.evn.cashless.projections.reporting.BranchView;
import vn.evn.cashless.projections.reporting.FindBranch;
import vn.evn.cashless.projections.support.PageRequest;

@RestController
@RequestMapping("/api/customers")
public class CustomerController {

    public record NewCustomer(String code, String name, String branch, String commune, String phone,
                              String registeredAt) {
    }

    public record CustomerResponse(String code, String name, String branch, String commune, String phone,
                                   String registeredAt) {
    }

    public record NewPhone(String phone, String changedAt) {
    }

    public record PhoneResponse(String code, String phone, String changedAt) {
    }

    public record NewPaymentChannel(String kind, String provider, String registeredAt) {
    }

    public record PaymentChannelResponse(String customer, ChannelKind kind, String provider, String registeredAt,
                                         String unregisteredAt) {
    }

    public record NewNotificationChannel(String channel, String registeredAt) {
    }

    public record NotificationChannelResponse(String customer, NotificationChannel channel, String registeredAt,
                                              String unregisteredAt) {
    }

    /** {@code phoneStatus}: OK, or UNREACHABLE (notices in a row missed the phone) since the time given. */
    public record CustomerDetails(String code, String name, String branch, String commune, String communeName,
                                  String phone, String registeredAt, List<PaymentChannelEntry> paymentChannels,
                                  List<NotificationChannelEntry> notificationChannels, String phoneStatus,
                                  String phoneUnreachableSince) {
    }

    public record PaymentChannelEntry(String kind, String provider, String registeredAt) {
    }

    public record NotificationChannelEntry(String channel, String registeredAt) {
    }

    /** {@code total}: all the customer's payments; {@code payments}: the page asked for, newest first. */
    public record CustomerPayments(String customer, List<PaymentJson> payments, int page, int size, long total) {
    }

    public record CustomerEntry(String code, String name, String branch, String commune, String phone,
                                String registeredAt) {
    }

    public record CustomerList(List<CustomerEntry> customers, int page, int size, long total) {
    }

    /** Longest search text: longer than any code, phone or name prefix anyone types. */
    static final int MAX_QUERY = 100;

    /**
     * A customer's payments come all at once unless a page is asked for, as before paging existed: a customer pays
     * about twelve bills a year, so the largest page holds decades of them; {@code total} tells if there are more.
     */
    static final int CUSTOMER_PAYMENTS_SIZE = Paging.MAX_SIZE;

    private final CustomerService customers;
    private final Queries queries;
    private final Inputs inputs;
    private final Access access;

    public CustomerController(CustomerService customers, Queries queries, Inputs inputs, Access access) {
        this.customers = customers;
        this.queries = queries;
        this.inputs = inputs;
        this.access = access;
    }

    @PostMapping
    public ResponseEntity<CustomerResponse> register(@RequestBody NewCustomer body, HttpServletRequest request) {
        RegisterCustomer command = new RegisterCustomer(Inputs.value("code", body.code(), CustomerCode::of),
                body.name(), Inputs.value("branch", body.branch(), BranchCode::of),
                Inputs.value("commune", body.commune(), CommuneCode::of),
                Inputs.optionalValue("phone", body.phone(), PhoneNumber::of),
                inputs.businessTime("registeredAt", body.registeredAt()));
        access.requireBranch(command.branch().value());
        customers.register(command, RequestContexts.of(request));
        return ResponseEntity.created(URI.create("/api/customers/" + command.customer()))
                .body(new CustomerResponse(command.customer().value(), command.name(), command.branch().value(),
                        command.commune().value(), command.phone() == null ? null : command.phone().value(),
                        Times.local(command.registeredAt())));
    }

    @PutMapping("/{code}/phone")
    public PhoneResponse changePhone(@PathVariable String code, @RequestBody NewPhone body,
                                     HttpServletRequest request) {
        ChangePhone command = new ChangePhone(customer(code), Inputs.value("phone", body.phone(), PhoneNumber::of),
                inputs.businessTime("changedAt", body.changedAt()));
        customers.changePhone(command, RequestContexts.of(request));
        return new PhoneResponse(command.customer().value(), command.phone().value(),
                Times.local(command.changedAt()));
    }

    @PostMapping("/{code}/payment-channels")
    public ResponseEntity<PaymentChannelResponse> registerPaymentChannel(@PathVariable String code,
                                                                         @RequestBody NewPaymentChannel body,
                                                                         HttpServletRequest request) {
        RegisterPaymentChannel command = new RegisterPaymentChannel(customer(code),
                Inputs.enumValue("kind", body.kind(), ChannelKind.class),
                Inputs.value("provider", body.provider(), Provider::of),
                inputs.businessTime("registeredAt", body.registeredAt()));
        // the provider as its name was first recorded, which is what the customer's channels show from now on
        Provider provider = customers.registerPaymentChannel(command, RequestContexts.of(request));
        return ResponseEntity.status(HttpStatus.CREATED).body(new PaymentChannelResponse(
                command.customer().value(), command.kind(), provider.value(),
                Times.local(command.registeredAt()), null));
    }

    @DeleteMapping("/{code}/payment-channels/{provider}")
    public PaymentChannelResponse unregisterPaymentChannel(@PathVariable String code, @PathVariable String provider,
                                                           @RequestParam(required = false) String at,
                                                           HttpServletRequest request) {
        UnregisterPaymentChannel command = new UnregisterPaymentChannel(customer(code),
                Inputs.value("provider", provider, Provider::of), inputs.businessTime("at", at));
        PaymentChannelUnregistered ended = customers.unregisterPaymentChannel(command, RequestContexts.of(request));
        return new PaymentChannelResponse(ended.customer(), ended.kind(), ended.provider(),
                Times.local(ended.registeredAt()), Times.local(ended.unregisteredAt()));
    }

    @PostMapping("/{code}/notification-channels")
    public ResponseEntity<NotificationChannelResponse> registerNotificationChannel(
            @PathVariable String code, @RequestBody NewNotificationChannel body, HttpServletRequest request) {
        RegisterNotificationChannel command = new RegisterNotificationChannel(customer(code),
                Inputs.enumValue("channel", body.channel(), NotificationChannel.class),
                inputs.businessTime("registeredAt", body.registeredAt()));
        customers.registerNotificationChannel(command, RequestContexts.of(request));
        return ResponseEntity.status(HttpStatus.CREATED).body(new NotificationChannelResponse(
                command.customer().value(), command.channel(), Times.local(command.registeredAt()), null));
    }

    @DeleteMapping("/{code}/notification-channels/{channel}")
    public NotificationChannelResponse unregisterNotificationChannel(@PathVariable String code,
                                                                     @PathVariable String channel,
                                                                     @RequestParam(required = false) String at,
                                                                     HttpServletRequest request) {
        UnregisterNotificationChannel command = new UnregisterNotificationChannel(customer(code),
                Inputs.enumValue("channel", channel, NotificationChannel.class), inputs.businessTime("at", at));
        NotificationChannelUnregistered ended = customers.unregisterNotificationChannel(command,
                RequestContexts.of(request));
        return new NotificationChannelResponse(ended.customer(), ended.channel(), Times.local(ended.registeredAt()),
                Times.local(ended.unregisteredAt()));
    }

    @GetMapping("/{code}")
    public CustomerDetails get(@PathVariable String code) {
        CustomerView view = find(customer(code));
        String phone = access.user().seesPhonesMasked() ? masked(view.phone()) : view.phone();
        return new CustomerDetails(view.code(), view.name(), view.branch(), view.commune(), view.communeName(),
                phone, Times.local(view.registeredAt()),
                view.paymentChannels().stream().map(c -> new PaymentChannelEntry(c.kind(), c.provider(),
                        Times.local(c.registeredAt()))).toList(),
                view.notificationChannels().stream().map(c -> new NotificationChannelEntry(c.channel(),
                        Times.local(c.registeredAt()))).toList(), view.phoneStatus(),
                Times.local(view.phoneUnreachableSince()));
    }

    @GetMapping("/{code}/payments")
    public CustomerPayments payments(@PathVariable String code, @RequestParam(required = false) String page,
                                     @RequestParam(required = false) String size) {
        PageRequest request = Paging.of(page, size, CUSTOMER_PAYMENTS_SIZE);
        CustomerCode customer = customer(code);
        find(customer);
        PaymentPage payments = queries.one(new FindCustomerPayments(customer.value(), request),
                PaymentPage.class);
        return new CustomerPayments(customer.value(), payments.items().stream().map(PaymentJson::of).toList(),
                request.page(), request.size(), payments.total());
    }

    /**
     * Customers by code, of a branch and commune if asked, matching {@code q} if given: the start of a code, of a
     * phone number (digits), or of any word of the name, without regard to case or diacritics ("bac me" finds
     * "Bắc Mê"). A user limited to some branches finds customers of those only.
     */
    @GetMapping
    public CustomerList search(@RequestParam(required = false) String branch,
                               @RequestParam(required = false) String commune,
                               @RequestParam(required = false) String q,
                               @RequestParam(required = false) String page,
                               @RequestParam(required = false) String size) {
        PageRequest request = Paging.of(page, size);
        String search = q == null ? null : searchText(q);
        BranchCode branchCode = Inputs.optionalValue("branch", branch, BranchCode::of);
        CommuneCode communeCode = Inputs.optionalValue("commune", commune, CommuneCode::of);
        LedgerUser user = access.user();
        if (branchCode != null) {
            access.requireBranch(branchCode.value());
            if (queries.one(new FindBranch(branchCode.value()), BranchView.class) == null) {
                throw new DomainException(ErrorCode.BRANCH_NOT_FOUND, "branch", "no branch " + branchCode);
            }
        }
        boolean masked = user.seesPhonesMasked();
        CustomerPage found = queries.one(new FindCustomers(branchCode == null ? null : branchCode.value(),
                communeCode == null ? null : communeCode.value(), search,
                user.limitedToBranches() ? user.branches() : null, request), CustomerPage.class);
        return new CustomerList(found.items().stream().map(c -> new CustomerEntry(c.code(), c.name(), c.branch(),
                c.commune(), masked ? masked(c.phone()) : c.phone(), Times.local(c.registeredAt()))).toList(),
                request.page(), request.size(), found.total());
    }

    private static String searchText(String q) {
        String text = q.strip();
        if (text.isEmpty()) {
            throw new InvalidValueException("q", "must not be blank; leave it out to list every customer");
        }
        if (text.length() > MAX_QUERY) {
            throw new InvalidValueException("q", "must be at most " + MAX_QUERY + " characters");
        }
        if (text.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidValueException("q", "must not contain control characters");
        }
        if (SearchText.fold(text).isEmpty()) {
            throw new InvalidValueException("q", "must contain a letter or a digit");
        }
        return text;
    }

    private CustomerView find(CustomerCode customer) {
        CustomerView view = queries.one(new FindCustomer(customer.value()), CustomerView.class);
        if (view == null) {
            throw new DomainException(ErrorCode.CUSTOMER_NOT_FOUND, "code", "no customer " + customer);
        }
        return view;
    }

    /** The customer of the path, once the user is known to reach its branch. */
    private CustomerCode customer(String code) {
        CustomerCode customer = Inputs.value("code", code, CustomerCode::of);
        access.requireCustomer(customer);
        return customer;
    }

    /** A phone as a viewer sees it: the first four and last three digits, e.g. {@code 0912***678}. */
    public static String masked(String phone) {
        if (phone == null) {
            return null;
        }
        return phone.length() <= 7 ? "***" : phone.substring(0, 4) + "***" + phone.substring(phone.length() - 3);
    }
}
