package vn.evn.cashless.domain.organisation;

import vn.evn.cashless.domain.shared.BranchEvent;
import org.axonframework.serialization.Revision;

@Revision("1")
public record BranchCreated(String branch, String name, String company) implements BranchEvent {
}
