package vn.evn.cashless.domain.figures;

import java.util.List;
import vn.evn.cashless.domain.channel.ChannelKind;

/** How a branch stands against the plan for a period: the totals the ratios come from, and each target. */
public record PlanProgress(String branch, String period, int revision, List<ChannelKind> cashlessKinds,
                           CashlessTotals totals, List<Indicator> indicators) {
}
