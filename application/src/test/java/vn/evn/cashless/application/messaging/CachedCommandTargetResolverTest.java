package vn.evn.cashless.application.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.junit.jupiter.api.Test;
import vn.evn.cashless.domain.billing.BillId;
import vn.evn.cashless.domain.billing.BillingPeriod;
import vn.evn.cashless.domain.billing.ExternalRef;
import vn.evn.cashless.domain.billing.RecordPayment;
import vn.evn.cashless.domain.billing.Vnd;
import vn.evn.cashless.domain.channel.ChannelKind;
import vn.evn.cashless.domain.channel.Provider;
import vn.evn.cashless.domain.customer.CustomerCode;

/** The cached resolver finds the same aggregate, and refuses the same commands, as Axon's own, every time. */
class CachedCommandTargetResolverTest {

    private final CommandTargetResolver axons = AnnotationCommandTargetResolver.builder().build();
    private final CommandTargetResolver cached = new CachedCommandTargetResolver();

    record OnAComponent(@TargetAggregateIdentifier String id, @TargetAggregateVersion Long version, String other) {
    }

    static final class OnAField {
        @TargetAggregateIdentifier
        private final String id;
        @TargetAggregateVersion
        private final int version;

        OnAField(String id, int version) {
            this.id = id;
            this.version = version;
        }
    }

    static final class OnAMethod {
        private final long number;

        OnAMethod(long number) {
            this.number = number;
        }

        @TargetAggregateIdentifier
        Object target() {
            return new StringBuilder("bill-").append(number);
        }

        @TargetAggregateVersion
        String expected() {
            return String.valueOf(number % 10);
        }
    }

    record Unaddressed(String id) {
    }

    record WithoutVersion(@TargetAggregateIdentifier String id) {
    }

    @Test
    void findsWhatAxonFindsWhereverTheCommandKeepsIt() {
        RecordPayment payment = new RecordPayment(BillId.of(CustomerCode.of("PA20BM0001234"),
                BillingPeriod.of("2021-06")), Vnd.of(150_000), ChannelKind.BANK, Provider.of("Agribank"),
                ExternalRef.of("FT-1"), Instant.parse("2021-06-10T03:00:00Z"), true);
        List<Object> commands = List.of(payment, new OnAComponent("a", 3L, "x"), new OnAComponent("b", null, "y"),
                new OnAField("c", 4), new OnAMethod(1234), new OnAMethod(98), new WithoutVersion("d"));
        for (int round = 0; round < 2; round++) { // the second round is served from what the first found
            for (Object command : commands) {
                VersionedAggregateIdentifier expected = axons.resolveTarget(message(command));
                VersionedAggregateIdentifier actual = cached.resolveTarget(message(command));
                assertThat(actual.getIdentifier()).as(command.toString()).isEqualTo(expected.getIdentifier());
                assertThat(actual.getIdentifierValue()).as(command.toString())
                        .hasToString(expected.getIdentifierValue().toString());
                assertThat(actual.getVersion()).as(command.toString()).isEqualTo(expected.getVersion());
            }
        }
        assertThat(cached.resolveTarget(message(payment)).getIdentifier()).isEqualTo("PA20BM0001234-2021-06");
        assertThat(cached.resolveTarget(message(new OnAMethod(1234))).getVersion()).isEqualTo(4L);
    }

    @Test
    void refusesACommandWithoutATargetAsAxonDoes() {
        for (Object command : List.of(new Unaddressed("e"), new WithoutVersion(null))) {
            assertThatThrownBy(() -> axons.resolveTarget(message(command)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> cached.resolveTarget(message(command)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(command.getClass().getSimpleName())
                    .hasMessageContaining("@TargetAggregateIdentifier");
        }
    }

    private static CommandMessage<?> message(Object command) {
        return GenericCommandMessage.asCommandMessage(command);
    }
}
