package vn.evn.cashless.domain.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.evn.cashless.domain.shared.InvalidValues.assertInvalid;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import vn.evn.cashless.domain.channel.ChannelKind;
import vn.evn.cashless.domain.channel.NotificationChannel;
import vn.evn.cashless.domain.channel.Provider;
import vn.evn.cashless.domain.organisation.BranchCode;
import vn.evn.cashless.domain.organisation.CommuneCode;

class CustomerCommandsTest {

    private static final CustomerCode CUSTOMER = CustomerCode.of("PA20BM0001234");
    private static final Instant AT = Instant.parse("2021-01-04T02:00:00Z");

    @Test
    void cashKindsCannotBeRegisteredAsPaymentChannels() {
        assertInvalid("kind", () -> new RegisterPaymentChannel(CUSTOMER, ChannelKind.COUNTER, Provider.of("BM"), AT));
        assertInvalid("kind", () -> new RegisterPaymentChannel(CUSTOMER, ChannelKind.COLLECTOR, Provider.of("BM"), AT));
    }

    @Test
    void everyNonCashKindCanBeRegisteredAsPaymentChannel() {
        for (ChannelKind kind : new ChannelKind[] {ChannelKind.BANK, ChannelKind.E_WALLET, ChannelKind.INTERMEDIARY}) {
            assertThat(new RegisterPaymentChannel(CUSTOMER, kind, Provider.of("Viettel"), AT).kind()).isEqualTo(kind);
        }
    }

    @Test
    void registerPaymentChannelNeedsKindProviderAndTime() {
        assertInvalid("kind", () -> new RegisterPaymentChannel(CUSTOMER, null, Provider.of("MoMo"), AT));
        assertInvalid("provider", () -> new RegisterPaymentChannel(CUSTOMER, ChannelKind.E_WALLET, null, AT));
        assertInvalid("registeredAt",
                () -> new RegisterPaymentChannel(CUSTOMER, ChannelKind.E_WALLET, Provider.of("MoMo"), null));
    }

    @Test
    void registerCustomerNeedsNameBranchCommuneAndTimeButNotPhone() {
        BranchCode bm = BranchCode.of("BM");
        CommuneCode yenPhu = CommuneCode.of("00991");
        assertInvalid("name", () -> new RegisterCustomer(CUSTOMER, " ", bm, yenPhu, null, AT));
        assertInvalid("branch", () -> new RegisterCustomer(CUSTOMER, "An", null, yenPhu, null, AT));
        assertInvalid("commune", () -> new RegisterCustomer(CUSTOMER, "An", bm, null, null, AT));
        assertInvalid("registeredAt", () -> new RegisterCustomer(CUSTOMER, "An", bm, yenPhu, null, null));
        assertThat(new RegisterCustomer(CUSTOMER, " An ", bm, yenPhu, null, AT).name()).isEqualTo("An");
    }

    @Test
    void timesOfChannelCommandsAreRequired() {
        assertInvalid("changedAt", () -> new ChangePhone(CUSTOMER, PhoneNumber.of("0912345678"), null));
        assertInvalid("at", () -> new UnregisterPaymentChannel(CUSTOMER, Provider.of("MoMo"), null));
        assertInvalid("registeredAt", () -> new RegisterNotificationChannel(CUSTOMER, NotificationChannel.ZALO, null));
        assertInvalid("at", () -> new UnregisterNotificationChannel(CUSTOMER, NotificationChannel.ZALO, null));
    }

    @Test
    void phoneNumberIsNineToTwelveDigitsWithOptionalPlus() {
        assertThat(PhoneNumber.of("0912345678").value()).isEqualTo("0912345678");
        assertThat(PhoneNumber.of("+84912345678").value()).isEqualTo("+84912345678");
        assertThat(PhoneNumber.of("0912 345.678").value()).isEqualTo("0912345678");
        assertInvalid("phone", () -> PhoneNumber.of("09123456"));
        assertInvalid("phone", () -> PhoneNumber.of("0912345678901"));
        assertInvalid("phone", () -> PhoneNumber.of("0912-345-678"));
        assertInvalid("phone", () -> PhoneNumber.of(null));
    }
}
