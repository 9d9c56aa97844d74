package vn.evn.cashless.application.organisation;

import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import vn.evn.cashless.domain.organisation.BranchCreated;
import vn.evn.cashless.domain.organisation.CompanyCode;

/**
 * {@link BranchCreated} revision 1 had no company code: it is read as revision 2 with the code its company's name
 * gives ({@code PC Hà Giang} → {@code PCHAGIANG}), the same rule a branch created without a code gets. The stored
 * event is never changed (the hash chain and the audit export show it as it was written); a name that gives no code
 * leaves it {@code null}.
 */
@Component
@Order(1)
public class BranchCreatedUpcaster extends SingleEventUpcaster {

    static final String TYPE = BranchCreated.class.getName();
    static final SimpleSerializedType REVISION_1 = new SimpleSerializedType(TYPE, "1");
    static final SimpleSerializedType REVISION_2 = new SimpleSerializedType(TYPE, "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return REVISION_1.equals(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(REVISION_2, JsonNode.class, BranchCreatedUpcaster::withCompanyCode);
    }

    static JsonNode withCompanyCode(JsonNode payload) {
        if (payload instanceof ObjectNode object && !object.has("companyCode")) {
            JsonNode company = object.get("company");
            CompanyCode derived = CompanyCode.derivedFrom(company == null || company.isNull() ? null
                    : company.asString());
            if (derived == null) {
                object.putNull("companyCode");
            } else {
                object.put("companyCode", derived.value());
            }
        }
        return payload;
    }
}
