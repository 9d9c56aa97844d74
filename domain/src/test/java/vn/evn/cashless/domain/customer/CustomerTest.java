package vn.evn.cashless.domain.customer;

import static vn.evn.cashless.domain.shared.Rejections.rejectedWith;

import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.evn.cashless.domain.channel.ChannelKind;
import vn.evn.cashless.domain.channel.NotificationChannel;
import vn.evn.cashless.domain.channel.Provider;
import vn.evn.cashless.domain.organisation.BranchCode;
import vn.evn.cashless.domain.organisation.CommuneCode;
import vn.evn.cashless.domain.shared.ErrorCode;

class CustomerTest {

    private static final String CODE = "PA20BM0001234";
    private static final CustomerCode CUSTOMER = CustomerCode.of(CODE);
    private static final String NAME = "Nguyễn Văn An";
    private static final String PHONE = "0912345678";
    private static final String NEW_PHONE = "0987654321";

    private static final Instant REGISTERED = Instant.parse("2021-01-04T02:00:00Z");
    private static final Instant BEFORE_REGISTRATION = REGISTERED.minusSeconds(1);
    private static final Instant CHANNEL_REGISTERED = Instant.parse("2021-02-01T03:00:00Z");
    private static final Instant LATER = Instant.parse("2021-06-15T08:00:00Z");

    private static final CustomerRegistered CUSTOMER_REGISTERED =
            new CustomerRegistered(CODE, NAME, "BM", "00991", PHONE, REGISTERED);
    private static final PaymentChannelRegistered MOMO_REGISTERED =
            new PaymentChannelRegistered(CODE, "BM", "00991", ChannelKind.E_WALLET, "MoMo", CHANNEL_REGISTERED);
    private static final NotificationChannelRegistered ZALO_REGISTERED =
            new NotificationChannelRegistered(CODE, "BM", "00991", NotificationChannel.ZALO, CHANNEL_REGISTERED);

    private FixtureConfiguration<Customer> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Customer.class);
    }

    // Registration

    @Test
    void registersCustomer() {
        fixture.givenNoPriorActivity()
                .when(new RegisterCustomer(CUSTOMER, NAME, BranchCode.of("BM"), CommuneCode.of("00991"),
                        PhoneNumber.of(PHONE), REGISTERED))
                .expectSuccessfulHandlerExecution()
                .expectEvents(CUSTOMER_REGISTERED);
    }

    @Test
    void registersCustomerWithoutPhone() {
        fixture.givenNoPriorActivity()
                .when(new RegisterCustomer(CUSTOMER, NAME, BranchCode.of("BM"), CommuneCode.of("00991"), null,
                        REGISTERED))
                .expectEvents(new CustomerRegistered(CODE, NAME, "BM", "00991", null, REGISTERED));
    }

    // Phone

    @Test
    void changesPhoneAndRecordsThePreviousNumber() {
        fixture.given(CUSTOMER_REGISTERED)
                .when(new ChangePhone(CUSTOMER, PhoneNumber.of(NEW_PHONE), LATER))
                .expectEvents(new CustomerPhoneChanged(CODE, "BM", "00991", PHONE, NEW_PHONE, LATER));
    }

    @Test
    void firstPhoneOfCustomerWithoutOneHasNoPreviousNumber() {
        fixture.given(new CustomerRegistered(CODE, NAME, "BM", "00991", null, REGISTERED))
                .when(new ChangePhone(CUSTOMER, PhoneNumber.of(NEW_PHONE), LATER))
                .expectEvents(new CustomerPhoneChanged(CODE, "BM", "00991", null, NEW_PHONE, LATER));
    }

    @Test
    void phoneChangeToSameNumberRecordsNothing() {
        fixture.given(CUSTOMER_REGISTERED)
                .when(new ChangePhone(CUSTOMER, PhoneNumber.of(PHONE), LATER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void phoneChangeToSameNumberWrittenWithSpacesRecordsNothing() {
        fixture.given(CUSTOMER_REGISTERED)
                .when(new ChangePhone(CUSTOMER, PhoneNumber.of("0912 345 678"), LATER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void phoneChangeIsComparedWithTheLatestNumber() {
        fixture.given(CUSTOMER_REGISTERED,
                        new CustomerPhoneChanged(CODE, "BM", "00991", PHONE, NEW_PHONE, CHANNEL_REGISTERED))
                .when(new ChangePhone(CUSTOMER, PhoneNumber.of(NEW_PHONE), LATER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void changingBackToAnEarlierNumberIsAChange() {
        fixture.given(CUSTOMER_REGISTERED,
                        new CustomerPhoneChanged(CODE, "BM", "00991", PHONE, NEW_PHONE, CHANNEL_REGISTERED))
                .when(new ChangePhone(CUSTOMER, PhoneNumber.of(PHONE), LATER))
                .expectEvents(new CustomerPhoneChanged(CODE, "BM", "00991", NEW_PHONE, PHONE, LATER));
    }

    @Test
    void phoneChangeBeforeRegistrationIsRejected() {
        fixture.given(CUSTOMER_REGISTERED)
                .when(new ChangePhone(CUSTOMER, PhoneNumber.of(NEW_PHONE), BEFORE_REGISTRATION))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.TIME_BEFORE_FACT));
    }

    @Test
    void phoneChangeAtTheMomentOfRegistrationIsAccepted() {
        fixture.given(CUSTOMER_REGISTERED)
                .when(new ChangePhone(CUSTOMER, PhoneNumber.of(NEW_PHONE), REGISTERED))
                .expectEvents(new CustomerPhoneChanged(CODE, "BM", "00991", PHONE, NEW_PHONE, REGISTERED));
    }

    // Payment channels

    @Test
    void registersPaymentChannel() {
        fixture.given(CUSTOMER_REGISTERED)
                .when(new RegisterPaymentChannel(CUSTOMER, ChannelKind.E_WALLET, Provider.of("MoMo"),
                        CHANNEL_REGISTERED))
                .expectEvents(MOMO_REGISTERED);
    }

    @Test
    void registersAnotherProviderBesideAnExistingOne() {
        fixture.given(CUSTOMER_REGISTERED, MOMO_REGISTERED)
                .when(new RegisterPaymentChannel(CUSTOMER, ChannelKind.BANK, Provider.of("Agribank"), LATER))
                .expectEvents(new PaymentChannelRegistered(CODE, "BM", "00991", ChannelKind.BANK, "Agribank", LATER));
    }

    @Test
    void registeringSameProviderTwiceIsRejected() {
        fixture.given(CUSTOMER_REGISTERED, MOMO_REGISTERED)
                .when(new RegisterPaymentChannel(CUSTOMER, ChannelKind.E_WALLET, Provider.of("MoMo"), LATER))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.PAYMENT_CHANNEL_ALREADY_REGISTERED));
    }

    @Test
    void registeringSameProviderUnderAnotherKindIsRejected() {
        fixture.given(CUSTOMER_REGISTERED, MOMO_REGISTERED)
                .when(new RegisterPaymentChannel(CUSTOMER, ChannelKind.INTERMEDIARY, Provider.of("MoMo"), LATER))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.PAYMENT_CHANNEL_ALREADY_REGISTERED));
    }

    @Test
    void paymentChannelRegistrationBeforeCustomerRegistrationIsRejected() {
        fixture.given(CUSTOMER_REGISTERED)
                .when(new RegisterPaymentChannel(CUSTOMER, ChannelKind.BANK, Provider.of("Agribank"),
                        BEFORE_REGISTRATION))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.TIME_BEFORE_FACT));
    }

    @Test
    void unregisteringUnknownProviderIsRejected() {
        fixture.given(CUSTOMER_REGISTERED, MOMO_REGISTERED)
                .when(new UnregisterPaymentChannel(CUSTOMER, Provider.of("ZaloPay"), LATER))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.PAYMENT_CHANNEL_NOT_REGISTERED));
    }

    @Test
    void theSameProviderSpelledOtherwiseIsTheSameRegistration() {
        fixture.given(CUSTOMER_REGISTERED, MOMO_REGISTERED)
                .when(new RegisterPaymentChannel(CUSTOMER, ChannelKind.E_WALLET, Provider.of("MOMO"), LATER))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.PAYMENT_CHANNEL_ALREADY_REGISTERED));
    }

    @Test
    void unregisteringInAnotherSpellingEndsTheRegistrationAsRecorded() {
        fixture.given(CUSTOMER_REGISTERED, MOMO_REGISTERED)
                .when(new UnregisterPaymentChannel(CUSTOMER, Provider.of("momo"), LATER))
                .expectEvents(new PaymentChannelUnregistered(CODE, "BM", "00991", ChannelKind.E_WALLET, "MoMo",
                        CHANNEL_REGISTERED, LATER));
    }

    @Test
    void unregisterCarriesRegistrationTime() {
        fixture.given(CUSTOMER_REGISTERED, MOMO_REGISTERED)
                .when(new UnregisterPaymentChannel(CUSTOMER, Provider.of("MoMo"), LATER))
                .expectEvents(new PaymentChannelUnregistered(CODE, "BM", "00991", ChannelKind.E_WALLET, "MoMo",
                        CHANNEL_REGISTERED, LATER));
    }

    @Test
    void unregisterAnswersWithTheRegistrationThatEnded() {
        fixture.given(CUSTOMER_REGISTERED, MOMO_REGISTERED)
                .when(new UnregisterPaymentChannel(CUSTOMER, Provider.of("MoMo"), LATER))
                .expectResultMessagePayload(new PaymentChannelUnregistered(CODE, "BM", "00991", ChannelKind.E_WALLET,
                        "MoMo", CHANNEL_REGISTERED, LATER));
    }

    @Test
    void unregisterCarriesTheLatestRegistrationTime() {
        Instant unregistered = Instant.parse("2021-03-01T00:00:00Z");
        Instant registeredAgain = Instant.parse("2021-04-01T00:00:00Z");
        fixture.given(CUSTOMER_REGISTERED, MOMO_REGISTERED,
                        new PaymentChannelUnregistered(CODE, "BM", "00991", ChannelKind.E_WALLET, "MoMo",
                                CHANNEL_REGISTERED, unregistered),
                        new PaymentChannelRegistered(CODE, "BM", "00991", ChannelKind.BANK, "MoMo", registeredAgain))
                .when(new UnregisterPaymentChannel(CUSTOMER, Provider.of("MoMo"), LATER))
                .expectEvents(new PaymentChannelUnregistered(CODE, "BM", "00991", ChannelKind.BANK, "MoMo",
                        registeredAgain, LATER));
    }

    @Test
    void unregisteringBeforeRegistrationTimeIsRejected() {
        fixture.given(CUSTOMER_REGISTERED, MOMO_REGISTERED)
                .when(new UnregisterPaymentChannel(CUSTOMER, Provider.of("MoMo"), CHANNEL_REGISTERED.minusSeconds(1)))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.TIME_BEFORE_FACT));
    }

    @Test
    void unregisteringSameProviderTwiceIsRejected() {
        fixture.given(CUSTOMER_REGISTERED, MOMO_REGISTERED,
                        new PaymentChannelUnregistered(CODE, "BM", "00991", ChannelKind.E_WALLET, "MoMo",
                                CHANNEL_REGISTERED, LATER))
                .when(new UnregisterPaymentChannel(CUSTOMER, Provider.of("MoMo"), LATER.plusSeconds(60)))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.PAYMENT_CHANNEL_NOT_REGISTERED));
    }

    @Test
    void providerCanBeRegisteredAgainAfterUnregistering() {
        Instant again = LATER.plusSeconds(3600);
        fixture.given(CUSTOMER_REGISTERED, MOMO_REGISTERED,
                        new PaymentChannelUnregistered(CODE, "BM", "00991", ChannelKind.E_WALLET, "MoMo",
                                CHANNEL_REGISTERED, LATER))
                .when(new RegisterPaymentChannel(CUSTOMER, ChannelKind.E_WALLET, Provider.of("MoMo"), again))
                .expectEvents(new PaymentChannelRegistered(CODE, "BM", "00991", ChannelKind.E_WALLET, "MoMo", again));
    }

    // Notification channels

    @Test
    void registersNotificationChannel() {
        fixture.given(CUSTOMER_REGISTERED)
                .when(new RegisterNotificationChannel(CUSTOMER, NotificationChannel.ZALO, CHANNEL_REGISTERED))
                .expectEvents(ZALO_REGISTERED);
    }

    @Test
    void registersAnotherNotificationChannelBesideAnExistingOne() {
        fixture.given(CUSTOMER_REGISTERED, ZALO_REGISTERED)
                .when(new RegisterNotificationChannel(CUSTOMER, NotificationChannel.SMS, LATER))
                .expectEvents(new NotificationChannelRegistered(CODE, "BM", "00991", NotificationChannel.SMS, LATER));
    }

    @Test
    void registeringSameNotificationChannelTwiceIsRejected() {
        fixture.given(CUSTOMER_REGISTERED, ZALO_REGISTERED)
                .when(new RegisterNotificationChannel(CUSTOMER, NotificationChannel.ZALO, LATER))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.NOTIFICATION_CHANNEL_ALREADY_REGISTERED));
    }

    @Test
    void notificationChannelRegistrationBeforeCustomerRegistrationIsRejected() {
        fixture.given(CUSTOMER_REGISTERED)
                .when(new RegisterNotificationChannel(CUSTOMER, NotificationChannel.ZALO, BEFORE_REGISTRATION))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.TIME_BEFORE_FACT));
    }

    @Test
    void unregisteringNotificationChannelNotRegisteredIsRejected() {
        fixture.given(CUSTOMER_REGISTERED, ZALO_REGISTERED)
                .when(new UnregisterNotificationChannel(CUSTOMER, NotificationChannel.SMS, LATER))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.NOTIFICATION_CHANNEL_NOT_REGISTERED));
    }

    @Test
    void notificationUnregisterCarriesRegistrationTime() {
        fixture.given(CUSTOMER_REGISTERED, ZALO_REGISTERED)
                .when(new UnregisterNotificationChannel(CUSTOMER, NotificationChannel.ZALO, LATER))
                .expectEvents(new NotificationChannelUnregistered(CODE, "BM", "00991", NotificationChannel.ZALO,
                        CHANNEL_REGISTERED, LATER));
    }

    @Test
    void notificationUnregisteringBeforeRegistrationTimeIsRejected() {
        fixture.given(CUSTOMER_REGISTERED, ZALO_REGISTERED)
                .when(new UnregisterNotificationChannel(CUSTOMER, NotificationChannel.ZALO,
                        CHANNEL_REGISTERED.minusSeconds(1)))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.TIME_BEFORE_FACT));
    }

    @Test
    void notificationChannelCanBeRegisteredAgainAfterUnregistering() {
        Instant again = LATER.plusSeconds(3600);
        fixture.given(CUSTOMER_REGISTERED, ZALO_REGISTERED,
                        new NotificationChannelUnregistered(CODE, "BM", "00991", NotificationChannel.ZALO,
                                CHANNEL_REGISTERED, LATER))
                .when(new RegisterNotificationChannel(CUSTOMER, NotificationChannel.ZALO, again))
                .expectEvents(new NotificationChannelRegistered(CODE, "BM", "00991", NotificationChannel.ZALO, again));
    }

    @Test
    void reRegisteringAProviderBeforeItsLastRegistrationEndedIsRejected() {
        fixture.given(CUSTOMER_REGISTERED, MOMO_REGISTERED, new PaymentChannelUnregistered(CODE, "BM", "00991",
                        ChannelKind.E_WALLET, "MoMo", CHANNEL_REGISTERED, LATER))
                .when(new RegisterPaymentChannel(CUSTOMER, ChannelKind.E_WALLET, Provider.of("MoMo"),
                        CHANNEL_REGISTERED))
                .expectException(rejectedWith(ErrorCode.TIME_BEFORE_FACT))
                .expectNoEvents();
    }

    @Test
    void reRegisteringZaloAtTheMomentItsLastRegistrationEndedIsRejected() {
        fixture.given(CUSTOMER_REGISTERED, ZALO_REGISTERED, new NotificationChannelUnregistered(CODE, "BM", "00991",
                        NotificationChannel.ZALO, CHANNEL_REGISTERED, LATER))
                .when(new RegisterNotificationChannel(CUSTOMER, NotificationChannel.ZALO, LATER))
                .expectException(rejectedWith(ErrorCode.TIME_BEFORE_FACT))
                .expectNoEvents();
    }
}
