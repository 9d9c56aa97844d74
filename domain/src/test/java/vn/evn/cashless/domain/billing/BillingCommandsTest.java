package vn.evn.cashless.domain.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.evn.cashless.domain.shared.InvalidValues.assertInvalid;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import vn.evn.cashless.domain.channel.ChannelKind;
import vn.evn.cashless.domain.channel.Provider;
import vn.evn.cashless.domain.customer.CustomerCode;
import vn.evn.cashless.domain.organisation.BranchCode;
import vn.evn.cashless.domain.organisation.CommuneCode;

class BillingCommandsTest {

    private static final BillId BILL = BillId.of(CustomerCode.of("PA20BM0001234"), BillingPeriod.of("2021-06"));
    private static final Instant AT = Instant.parse("2021-06-20T03:15:00Z");

    @Test
    void issueBillNeedsEveryField() {
        BranchCode bm = BranchCode.of("BM");
        CommuneCode yenPhu = CommuneCode.of("00991");
        Vnd amount = Vnd.of(500_000);
        LocalDate due = LocalDate.of(2021, 7, 15);
        assertInvalid("customer", () -> new IssueBill(null, bm, yenPhu, amount, due));
        assertInvalid("branch", () -> new IssueBill(BILL, null, yenPhu, amount, due));
        assertInvalid("commune", () -> new IssueBill(BILL, bm, null, amount, due));
        assertInvalid("amount", () -> new IssueBill(BILL, bm, yenPhu, null, due));
        assertInvalid("dueDate", () -> new IssueBill(BILL, bm, yenPhu, amount, null));
        assertInvalid("dueDate", () -> new IssueBill(BILL, bm, yenPhu, amount, LocalDate.of(2101, 1, 1)));
        assertInvalid("dueDate", () -> new IssueBill(BILL, bm, yenPhu, amount, LocalDate.of(-4800, 1, 1)));
    }

    @Test
    void recordPaymentNeedsEveryFact() {
        Vnd amount = Vnd.of(1);
        Provider momo = Provider.of("MoMo");
        ExternalRef ref = ExternalRef.of("MM-1");
        ChannelKind wallet = ChannelKind.E_WALLET;
        assertInvalid("amount", () -> new RecordPayment(BILL, null, wallet, momo, ref, AT, true));
        assertInvalid("kind", () -> new RecordPayment(BILL, amount, null, momo, ref, AT, true));
        assertInvalid("provider", () -> new RecordPayment(BILL, amount, wallet, null, ref, AT, true));
        assertInvalid("externalRef", () -> new RecordPayment(BILL, amount, wallet, momo, null, AT, true));
        assertInvalid("paidAt", () -> new RecordPayment(BILL, amount, wallet, momo, ref, null, true));
    }

    @Test
    void reversalNeedsAReason() {
        PaymentId payment = PaymentId.of(Provider.of("MoMo"), ExternalRef.of("MM-1"));
        assertInvalid("reason", () -> new ReversePayment(BILL, payment, "  ", AT));
        assertInvalid("reason", () -> new ReversePayment(BILL, payment, "x".repeat(501), AT));
        assertInvalid("id", () -> new ReversePayment(BILL, null, "refund", AT));
        assertInvalid("reversedAt", () -> new ReversePayment(BILL, payment, "refund", null));
        assertThat(new ReversePayment(BILL, payment, " refund ", AT).reason()).isEqualTo("refund");
    }

    @Test
    void externalRefIsTrimmedTextOfAtMost128Characters() {
        assertThat(ExternalRef.of("  MM-1 ").value()).isEqualTo("MM-1");
        assertThat(ExternalRef.of("x".repeat(128)).value()).hasSize(128);
        assertInvalid("externalRef", () -> ExternalRef.of("x".repeat(129)));
        assertInvalid("externalRef", () -> ExternalRef.of(" "));
        assertInvalid("externalRef", () -> ExternalRef.of(null));
    }
}
