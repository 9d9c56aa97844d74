package vn.evn.cashless.domain.organisation;

import vn.evn.cashless.domain.shared.BranchEvent;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

@Revision("1")
/** A unit of the branch; {@code since} (local date, may be null: always) is when it starts to count. */
public record CommuneAdded(String branch, String commune, String name, UnitKind kind, LocalDate since)
        implements BranchEvent {
}
