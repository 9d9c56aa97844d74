package vn.evn.cashless.application.admin;

import java.util.List;
import java.util.Optional;
import vn.evn.cashless.domain.shared.DomainException;
import vn.evn.cashless.domain.shared.ErrorCode;

/** Every read model the ledger keeps, by name: the projections and the command-side look-ups. */
public record ReadModels(List<ReadModel> all) {

    public Optional<ReadModel> find(String name) {
        return all.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    public ReadModel get(String name) {
        return find(name).orElseThrow(() -> new DomainException(ErrorCode.READ_MODEL_NOT_FOUND, "name",
                "no read model " + name + "; there are " + all.stream().map(ReadModel::name).toList()));
    }
}
