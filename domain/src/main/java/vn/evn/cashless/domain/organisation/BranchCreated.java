package vn.evn.cashless.domain.organisation;

import vn.evn.cashless.domain.shared.BranchEvent;
import org.axonframework.serialization.Revision;

/**
 * A branch of a company. Revision 2 added {@code companyCode}; revision 1 events are upcast with the code their
 * company's name gives ({@link CompanyCode#derivedFrom}).
 */
@Revision("2")
public record BranchCreated(String branch, String name, String company, String companyCode) implements BranchEvent {
}
