package vn.evn.cashless.domain.customer;

import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Phones that notices do not reach: two notices in a row mark the phone unreachable, until it answers or changes. */
class CustomerPhoneTest {

    private static final String CODE = "PA20BM0001234";
    private static final CustomerCode CUSTOMER = CustomerCode.of(CODE);
    private static final String PHONE = "0912345678";
    private static final String NEW_PHONE = "0987654321";

    private static final String JUNE = "PA20BM0001234-2021-06-BILL";
    private static final String JUNE_REMINDER = "PA20BM0001234-2021-06-REMINDER";
    private static final String JULY = "PA20BM0001234-2021-07-BILL";
    private static final String AUGUST = "PA20BM0001234-2021-08-BILL";
    private static final String SEPTEMBER = "PA20BM0001234-2021-09-BILL";

    private static final Instant REGISTERED = Instant.parse("2021-01-04T02:00:00Z");
    private static final Instant IN_JUNE = Instant.parse("2021-06-05T01:00:00Z");
    private static final Instant IN_JULY = Instant.parse("2021-07-05T01:00:00Z");
    private static final Instant IN_AUGUST = Instant.parse("2021-08-05T01:00:00Z");
    private static final Instant IN_SEPTEMBER = Instant.parse("2021-09-05T01:00:00Z");

    private static final CustomerRegistered CUSTOMER_REGISTERED =
            new CustomerRegistered(CODE, "Nguyễn Văn An", "BM", "00991", PHONE, REGISTERED);
    private static final CustomerPhoneChanged PHONE_CHANGED =
            new CustomerPhoneChanged(CODE, "BM", "00991", PHONE, NEW_PHONE, IN_JUNE.plusSeconds(3600));

    private FixtureConfiguration<Customer> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Customer.class);
    }

    private static RecordPhoneNotReached miss(String notice, String phone, Instant at) {
        return new RecordPhoneNotReached(CUSTOMER, notice, phone, at);
    }

    private static RecordPhoneReached reach(String notice, String phone, Instant at) {
        return new RecordPhoneReached(CUSTOMER, notice, phone, at);
    }

    private static PhoneNotReached missed(String notice, String phone, Instant at) {
        return new PhoneNotReached(CODE, "BM", "00991", phone, notice, at);
    }

    private static PhoneMarkedUnreachable marked(String phone, List<String> notices, Instant at) {
        return new PhoneMarkedUnreachable(CODE, "BM", "00991", phone, notices, at);
    }

    private static PhoneReached reached(String notice, String phone, Instant at) {
        return new PhoneReached(CODE, "BM", "00991", phone, notice, at);
    }

    @Test
    void firstNoticeMissingThePhoneIsRecordedWithoutMarkingIt() {
        fixture.given(CUSTOMER_REGISTERED)
                .when(miss(JUNE, PHONE, IN_JUNE))
                .expectSuccessfulHandlerExecution()
                .expectEvents(missed(JUNE, PHONE, IN_JUNE));
    }

    @Test
    void secondNoticeInARowMissingThePhoneMarksItUnreachable() {
        fixture.given(CUSTOMER_REGISTERED, missed(JUNE, PHONE, IN_JUNE))
                .when(miss(JULY, PHONE, IN_JULY))
                .expectEvents(missed(JULY, PHONE, IN_JULY), marked(PHONE, List.of(JUNE, JULY), IN_JULY));
    }

    @Test
    void reminderOfTheSameBillIsAnotherNoticeInARow() {
        fixture.given(CUSTOMER_REGISTERED, missed(JUNE, PHONE, IN_JUNE))
                .when(miss(JUNE_REMINDER, PHONE, IN_JULY))
                .expectEvents(missed(JUNE_REMINDER, PHONE, IN_JULY),
                        marked(PHONE, List.of(JUNE, JUNE_REMINDER), IN_JULY));
    }

    @Test
    void sameNoticeMissingThePhoneTwiceCountsOnce() {
        fixture.given(CUSTOMER_REGISTERED, missed(JUNE, PHONE, IN_JUNE))
                .when(miss(JUNE, PHONE, IN_JULY))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void phoneMarkedUnreachableIsNotMarkedAgain() {
        fixture.given(CUSTOMER_REGISTERED, missed(JUNE, PHONE, IN_JUNE), missed(JULY, PHONE, IN_JULY),
                        marked(PHONE, List.of(JUNE, JULY), IN_JULY))
                .when(miss(AUGUST, PHONE, IN_AUGUST))
                .expectEvents(missed(AUGUST, PHONE, IN_AUGUST));
    }

    @Test
    void missForANumberTheCustomerNoLongerHasIsIgnored() {
        fixture.given(CUSTOMER_REGISTERED, PHONE_CHANGED)
                .when(miss(JULY, PHONE, IN_JULY))
                .expectNoEvents();
    }

    @Test
    void missForANumberTheCustomerNeverHadIsIgnored() {
        fixture.given(CUSTOMER_REGISTERED)
                .when(miss(JUNE, NEW_PHONE, IN_JUNE))
                .expectNoEvents();
    }

    @Test
    void missForACustomerWithoutPhoneIsIgnored() {
        fixture.given(new CustomerRegistered(CODE, "Nguyễn Văn An", "BM", "00991", null, REGISTERED))
                .when(miss(JUNE, PHONE, IN_JUNE))
                .expectNoEvents();
    }

    @Test
    void phoneChangeForgetsTheMissesOfTheOldNumber() {
        fixture.given(CUSTOMER_REGISTERED, missed(JUNE, PHONE, IN_JUNE), PHONE_CHANGED)
                .when(miss(JULY, NEW_PHONE, IN_JULY))
                .expectEvents(missed(JULY, NEW_PHONE, IN_JULY));
    }

    @Test
    void phoneChangeClearsTheUnreachableMark() {
        fixture.given(CUSTOMER_REGISTERED, missed(JUNE, PHONE, IN_JUNE), missed(JULY, PHONE, IN_JULY),
                        marked(PHONE, List.of(JUNE, JULY), IN_JULY), PHONE_CHANGED)
                .when(reach(AUGUST, NEW_PHONE, IN_AUGUST))
                .expectNoEvents();
    }

    @Test
    void newNumberIsMarkedAfterTwoMissesOfItsOwn() {
        fixture.given(CUSTOMER_REGISTERED, missed(JUNE, PHONE, IN_JUNE), missed(JULY, PHONE, IN_JULY),
                        marked(PHONE, List.of(JUNE, JULY), IN_JULY), PHONE_CHANGED,
                        missed(JULY, NEW_PHONE, IN_JULY))
                .when(miss(AUGUST, NEW_PHONE, IN_AUGUST))
                .expectEvents(missed(AUGUST, NEW_PHONE, IN_AUGUST),
                        marked(NEW_PHONE, List.of(JULY, AUGUST), IN_AUGUST));
    }

    @Test
    void noticeReachingAPhoneThatNeverMissedRecordsNothing() {
        fixture.given(CUSTOMER_REGISTERED)
                .when(reach(JUNE, PHONE, IN_JUNE))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void noticeReachingThePhoneAfterAMissRecordsIt() {
        fixture.given(CUSTOMER_REGISTERED, missed(JUNE, PHONE, IN_JUNE))
                .when(reach(JULY, PHONE, IN_JULY))
                .expectEvents(reached(JULY, PHONE, IN_JULY));
    }

    @Test
    void noticeReachingAPhoneMarkedUnreachableRecordsIt() {
        fixture.given(CUSTOMER_REGISTERED, missed(JUNE, PHONE, IN_JUNE), missed(JULY, PHONE, IN_JULY),
                        marked(PHONE, List.of(JUNE, JULY), IN_JULY))
                .when(reach(AUGUST, PHONE, IN_AUGUST))
                .expectEvents(reached(AUGUST, PHONE, IN_AUGUST));
    }

    @Test
    void noticeReachingAnotherNumberThanTheCustomersRecordsNothing() {
        fixture.given(CUSTOMER_REGISTERED, missed(JUNE, PHONE, IN_JUNE))
                .when(reach(JULY, NEW_PHONE, IN_JULY))
                .expectNoEvents();
    }

    @Test
    void aReachedPhoneStartsCountingAgain() {
        fixture.given(CUSTOMER_REGISTERED, missed(JUNE, PHONE, IN_JUNE), reached(JULY, PHONE, IN_JULY))
                .when(miss(AUGUST, PHONE, IN_AUGUST))
                .expectEvents(missed(AUGUST, PHONE, IN_AUGUST));
    }

    @Test
    void aReachedPhoneCanBeMarkedUnreachableAgain() {
        fixture.given(CUSTOMER_REGISTERED, missed(JUNE, PHONE, IN_JUNE), missed(JUNE_REMINDER, PHONE, IN_JUNE),
                        marked(PHONE, List.of(JUNE, JUNE_REMINDER), IN_JUNE), reached(JULY, PHONE, IN_JULY),
                        missed(AUGUST, PHONE, IN_AUGUST))
                .when(miss(SEPTEMBER, PHONE, IN_SEPTEMBER))
                .expectEvents(missed(SEPTEMBER, PHONE, IN_SEPTEMBER),
                        marked(PHONE, List.of(AUGUST, SEPTEMBER), IN_SEPTEMBER));
    }
}
