package vn.evn.cashless.domain.plan;

import vn.evn.cashless.domain.shared.BranchEvent;
import java.math.BigDecimal;
import java.util.List;
import org.axonframework.serialization.Revision;
import vn.evn.cashless.domain.channel.ChannelKind;

/** A plan assigned to a branch for a period; {@code revision} counts from 1 and grows with each re-assignment. */
@Revision("1")
public record PlanAssigned(String branch, String period, int revision, BigDecimal cashlessAmountRatio,
                           BigDecimal cashlessPaymentRatio, Long zaloRegistrations, BigDecimal communeCoverage,
                           List<ChannelKind> cashlessKinds) implements BranchEvent {
}
