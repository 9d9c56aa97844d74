package vn.evn.cashless.api.notice;

import java.time.LocalDate;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.evn.cashless.api.security.Access;
import vn.evn.cashless.api.web.Inputs;
import vn.evn.cashless.api.web.Paging;
import vn.evn.cashless.api.web.Times;
import vn.evn.cashless.application.notice.NoticeConfiguration.GatewayChoice;
import vn.evn.cashless.application.notice.NoticeReminders;
import vn.evn.cashless.application.notice.SimulatorNoticeGateway;
import vn.evn.cashless.domain.channel.NotificationChannel;
import vn.evn.cashless.domain.customer.CustomerCode;
import vn.evn.cashless.domain.shared.InvalidValueException;
import vn.evn.cashless.domain.shared.Zones;
import vn.evn.cashless.projections.support.PageRequest;

/** Notices for administrators: the simulator's outbox, and a reminder pass on demand (role ADMIN). */
@RestController
public class NoticeAdminController {

    public record SimulatedMessage(String notice, NotificationChannel channel, String to, String customer,
                                   String text, String answer, String reason, int requests, String node,
                                   String firstAt) {
    }

    public record SimulatedMessages(String gateway, int page, int size, long total, List<SimulatedMessage> messages) {
    }

    private final SimulatorNoticeGateway simulator;
    private final GatewayChoice gateway;
    private final NoticeReminders reminders;
    private final Access access;

    public NoticeAdminController(SimulatorNoticeGateway simulator, GatewayChoice gateway,
                                 NoticeReminders reminders, Access access) {
        this.simulator = simulator;
        this.gateway = gateway;
        this.reminders = reminders;
        this.access = access;
    }

    /** What the simulator was asked to send, in the order first asked; one row per notice and channel. */
    @GetMapping("/api/admin/notices/simulator/messages")
    public SimulatedMessages simulatorMessages(@RequestParam(required = false) String customer,
                                               @RequestParam(required = false) String page,
                                               @RequestParam(required = false) String size) {
        // every customer's messages, of every branch
        access.requireWholeCompany();
        CustomerCode one = Inputs.optionalValue("customer", customer, CustomerCode::of);
        String code = one == null ? null : one.value();
        PageRequest paging = Paging.of(page, size, Paging.MAX_SIZE);
        List<SimulatedMessage> messages = simulator.messages(code, paging.offset(), paging.size()).stream()
                .map(m -> new SimulatedMessage(m.notice(), m.channel(), m.to(), m.customer(), m.text(), m.answer(),
                        m.reason(), m.requests(), m.node(), Times.local(m.firstAt())))
                .toList();
        return new SimulatedMessages(gateway.name(), paging.page(), paging.size(), simulator.count(code), messages);
    }

    /**
     * Runs the reminder pass now, as of {@code date} (default today in Vietnam): the reminders due on or before it
     * are queued. Every node runs it on its own every {@code ledger.notices.reminder-check}; this is for catching up
     * at once, or for a rehearsal on a test server.
     */
    @PostMapping("/api/admin/notices/reminders")
    public NoticeReminders.Pass remind(@RequestParam(required = false) String date) {
        // the pass covers every branch's bills
        access.requireWholeCompany();
        LocalDate day = date == null ? LocalDate.now(Zones.VIETNAM) : Inputs.date("date", date);
        if (day.isAfter(LocalDate.now(Zones.VIETNAM).plusYears(1))) {
            throw new InvalidValueException("date", "must be within a year from today");
        }
        return reminders.remind(day);
    }
}
