package vn.evn.cashless.api.audit;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.evn.cashless.api.security.Access;
import vn.evn.cashless.application.audit.AuditChainHead;
import vn.evn.cashless.application.audit.AuditChainVerdict;
import vn.evn.cashless.application.audit.AuditChainVerifier;

/**
 * Tamper evidence for auditors (docs/tamper-evidence.md): the head of the hash chain over the event history, to be
 * written down, and a verification that recomputes the whole chain from the stored events. Both are of the whole
 * company's history, so a user limited to some branches is refused them, as the whole export.
 */
@RestController
public class AuditChainController {

    private final AuditChainVerifier verifier;
    private final Access access;

    public AuditChainController(AuditChainVerifier verifier, Access access) {
        this.verifier = verifier;
        this.access = access;
    }

    @GetMapping("/api/audit/head")
    public Map<String, Object> head() {
        access.requireWholeCompany();
        return head(verifier.head());
    }

    @GetMapping("/api/audit/verify")
    public Map<String, Object> verify() {
        access.requireWholeCompany();
        AuditChainVerdict verdict = verifier.verify();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("verified", verdict.verified());
        if (!verdict.verified()) {
            json.put("position", verdict.position());
            json.put("problem", verdict.problem().name().toLowerCase(Locale.ROOT));
            json.put("eventId", verdict.eventId());
            if (verdict.storedLink() != null) {
                json.put("storedLink", verdict.storedLink());
            }
            if (verdict.computedLink() != null) {
                json.put("computedLink", verdict.computedLink());
            }
        }
        json.put("events", verdict.events());
        json.put("head", head(verdict.head()));
        json.put("millis", verdict.millis());
        return json;
    }

    private static Map<String, Object> head(AuditChainHead head) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("position", head.position());
        json.put("link", head.linkHex());
        json.put("events", head.events());
        return json;
    }
}
