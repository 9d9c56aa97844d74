package vn.evn.cashless.domain.organisation;

import vn.evn.cashless.domain.shared.BranchEvent;
import org.axonframework.serialization.Revision;

@Revision("1")
public record CommuneAdded(String branch, String commune, String name, UnitKind kind) implements BranchEvent {
}
