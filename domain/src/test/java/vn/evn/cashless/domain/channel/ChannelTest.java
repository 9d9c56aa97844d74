package vn.evn.cashless.domain.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.evn.cashless.domain.shared.InvalidValues.assertInvalid;

import org.junit.jupiter.api.Test;

class ChannelTest {

    @Test
    void onlyCounterAndCollectorAreCash() {
        assertThat(ChannelKind.COUNTER.isCash()).isTrue();
        assertThat(ChannelKind.COLLECTOR.isCash()).isTrue();
        assertThat(ChannelKind.BANK.isCash()).isFalse();
        assertThat(ChannelKind.E_WALLET.isCash()).isFalse();
        assertThat(ChannelKind.INTERMEDIARY.isCash()).isFalse();
    }

    @Test
    void providerIsTrimmedText() {
        assertThat(Provider.of("  Viettel Money ").value()).isEqualTo("Viettel Money");
        assertThat(Provider.of("x".repeat(64)).value()).hasSize(64);
    }

    @Test
    void providerMayNotBeBlankTooLongOrContainASlash() {
        assertInvalid("provider", () -> Provider.of(" "));
        assertInvalid("provider", () -> Provider.of(null));
        assertInvalid("provider", () -> Provider.of("x".repeat(65)));
        assertInvalid("provider", () -> Provider.of("Viettel/VNPost"));
    }
}
