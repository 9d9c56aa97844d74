package vn.evn.cashless.projections.reporting;

import java.util.List;
import vn.evn.cashless.domain.channel.ChannelKind;
import vn.evn.cashless.domain.figures.CashlessTotals;
import vn.evn.cashless.domain.figures.Indicator;

public record PlanProgress(String branch, String period, int revision, List<ChannelKind> cashlessKinds,
                           CashlessTotals totals, List<Indicator> indicators) {
}
