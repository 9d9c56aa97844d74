package vn.evn.cashless.application.infrastructure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A second start on a data directory that a running application owns is an operator's slip, not a bug: it is
 * reported in one line, with what to do, as Spring reports a port in use, and not as a wall of stack trace.
 */
public class DataDirectoryInUseFailureAnalyzer extends AbstractFailureAnalyzer<DataDirectoryInUseException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DataDirectoryInUseException cause) {
        return new FailureAnalysis(cause.getMessage() + ".",
                "Stop the application that uses " + cause.dataDir() + ", or start this one on another data "
                        + "directory (ledger.embedded-postgres.data-dir).", cause);
    }
}
