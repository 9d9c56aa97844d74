package vn.evn.cashless.projections.notice;

import java.util.List;

/**
 * The notices of a branch's bills of a period: messages per channel (only channels with any), and distinct customers
 * a notice was due to ({@code customersNotified}), reached on any channel, and reached by ZALO or APP.
 */
public record BranchNotices(String branch, String period, List<ChannelCounts> channels, long customersNotified,
                            long customersReached, long customersReachedByZaloOrApp) {

    /** {@code failed} counts every failed try; {@code fallenBack} counts on the channel fallen back from. */
    public record ChannelCounts(String channel, long sent, long delivered, long failed, long fallenBack) {
    }
}
