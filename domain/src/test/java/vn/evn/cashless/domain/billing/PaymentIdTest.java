package vn.evn.cashless.domain.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.evn.cashless.domain.shared.InvalidValues.assertInvalid;

import org.junit.jupiter.api.Test;
import vn.evn.cashless.domain.channel.Provider;

class PaymentIdTest {

    private static PaymentId id(String provider, String ref) {
        return PaymentId.of(Provider.of(provider), ExternalRef.of(ref));
    }

    @Test
    void sameProviderAndReferenceGiveSameId() {
        assertThat(id("MoMo", "MM-0001")).isEqualTo(id("MoMo", "MM-0001"));
    }

    @Test
    void referencesDifferingOnlyInSurroundingSpacesGiveSameId() {
        assertThat(id(" MoMo", "MM-0001 ")).isEqualTo(id("MoMo", "MM-0001"));
    }

    @Test
    void differentReferenceGivesDifferentId() {
        assertThat(id("MoMo", "MM-0001")).isNotEqualTo(id("MoMo", "MM-0002"));
    }

    @Test
    void differentProviderGivesDifferentId() {
        assertThat(id("MoMo", "MM-0001")).isNotEqualTo(id("ZaloPay", "MM-0001"));
    }

    @Test
    void boundaryBetweenProviderAndReferenceMatters() {
        assertThat(id("VNPay", "1234")).isNotEqualTo(id("VNPay1", "234"));
    }

    @Test
    void roundTripsThroughToStringAndParse() {
        PaymentId id = id("Agribank", "AGR-77");
        assertThat(PaymentId.parse(id.toString())).isEqualTo(id);
    }

    @Test
    void rejectsWhatIsNoUuid() {
        assertInvalid("id", () -> PaymentId.parse("MoMo/MM-0001"));
        assertInvalid("id", () -> PaymentId.parse(""));
        assertInvalid("id", () -> PaymentId.parse(null));
    }
}
