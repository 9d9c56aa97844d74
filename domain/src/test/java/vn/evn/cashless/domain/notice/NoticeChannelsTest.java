package vn.evn.cashless.domain.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.evn.cashless.domain.shared.InvalidValues.assertInvalid;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.evn.cashless.domain.channel.NotificationChannel;
import vn.evn.cashless.domain.customer.PhoneNumber;

class NoticeChannelsTest {

    private static final NotificationChannel ZALO = NotificationChannel.ZALO;
    private static final NotificationChannel APP = NotificationChannel.APP;
    private static final NotificationChannel SMS = NotificationChannel.SMS;
    private static final NotificationChannel EMAIL = NotificationChannel.EMAIL;
    private static final PhoneNumber PHONE = PhoneNumber.of("0912345678");

    @Test
    void triesZaloThenAppThenSms() {
        assertThat(NoticeChannels.forCustomer(EnumSet.of(SMS, APP, ZALO), PHONE)).containsExactly(ZALO, APP, SMS);
    }

    @Test
    void everyCustomerWithAPhoneGetsSms() {
        assertThat(NoticeChannels.forCustomer(Set.of(), PHONE)).containsExactly(SMS);
    }

    @Test
    void zaloAndAppOnlyForACustomerRegisteredForThem() {
        assertThat(NoticeChannels.forCustomer(Set.of(ZALO), PHONE)).containsExactly(ZALO, SMS);
        assertThat(NoticeChannels.forCustomer(Set.of(APP), PHONE)).containsExactly(APP, SMS);
    }

    @Test
    void zaloNeedsAPhone() {
        assertThat(NoticeChannels.forCustomer(EnumSet.of(ZALO, APP), null)).containsExactly(APP);
    }

    @Test
    void customerWithoutPhoneOrRegistrationHasNoChannel() {
        assertThat(NoticeChannels.forCustomer(Set.of(ZALO), null)).isEmpty();
        assertThat(NoticeChannels.forCustomer(Set.of(), null)).isEmpty();
    }

    @Test
    void emailIsNotANoticeChannel() {
        assertThat(NoticeChannels.forCustomer(Set.of(EMAIL), PHONE)).containsExactly(SMS);
    }

    @Test
    void channelsGivenCannotBeChangedAfterwards() {
        List<NotificationChannel> channels = NoticeChannels.forCustomer(Set.of(ZALO), PHONE);
        assertThatThrownBy(() -> channels.add(APP)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void zaloAndSmsGoToThePhoneAndTheAppDoesNot() {
        assertThat(NoticeChannels.toPhone(ZALO)).isTrue();
        assertThat(NoticeChannels.toPhone(SMS)).isTrue();
        assertThat(NoticeChannels.toPhone(APP)).isFalse();
        assertThat(NoticeChannels.toPhone(EMAIL)).isFalse();
        assertThat(NoticeChannels.toPhone(null)).isFalse();
    }

    @Test
    void checkedKeepsChannelsInOrder() {
        assertThat(NoticeChannels.checked(List.of(ZALO, APP, SMS), PHONE)).containsExactly(ZALO, APP, SMS);
        assertThat(NoticeChannels.checked(List.of(ZALO, SMS), PHONE)).containsExactly(ZALO, SMS);
        assertThat(NoticeChannels.checked(List.of(SMS), PHONE)).containsExactly(SMS);
        assertThat(NoticeChannels.checked(List.of(), null)).isEmpty();
    }

    @Test
    void checkedTakesTheAppWithoutAPhone() {
        assertThat(NoticeChannels.checked(List.of(APP), null)).containsExactly(APP);
    }

    @Test
    void checkedCopiesTheList() {
        List<NotificationChannel> given = new ArrayList<>(List.of(ZALO, SMS));
        List<NotificationChannel> checked = NoticeChannels.checked(given, PHONE);
        given.add(APP);
        assertThat(checked).containsExactly(ZALO, SMS);
        assertThatThrownBy(() -> checked.add(APP)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void checkedRefusesNoList() {
        assertInvalid("channels", () -> NoticeChannels.checked(null, PHONE));
    }

    @Test
    void checkedRefusesChannelsOutOfOrder() {
        assertInvalid("channels", () -> NoticeChannels.checked(List.of(SMS, ZALO), PHONE));
        assertInvalid("channels", () -> NoticeChannels.checked(List.of(APP, ZALO), PHONE));
        assertInvalid("channels", () -> NoticeChannels.checked(List.of(SMS, APP), PHONE));
    }

    @Test
    void checkedRefusesAChannelTwice() {
        assertInvalid("channels", () -> NoticeChannels.checked(List.of(SMS, SMS), PHONE));
        assertInvalid("channels", () -> NoticeChannels.checked(List.of(ZALO, ZALO), PHONE));
    }

    @Test
    void checkedRefusesEmail() {
        assertInvalid("channels", () -> NoticeChannels.checked(List.of(EMAIL), PHONE));
        assertInvalid("channels", () -> NoticeChannels.checked(List.of(ZALO, EMAIL), PHONE));
    }

    @Test
    void checkedRefusesAPhoneChannelWithoutAPhone() {
        assertInvalid("channels", () -> NoticeChannels.checked(List.of(ZALO), null));
        assertInvalid("channels", () -> NoticeChannels.checked(List.of(APP, SMS), null));
    }
}
