package vn.evn.cashless.application.infrastructure;

import java.nio.file.Path;

/** Another running instance of the application holds the embedded PostgreSQL's data directory. */
public class DataDirectoryInUseException extends IllegalStateException {

    private final transient Path dataDir;

    public DataDirectoryInUseException(Path dataDir) {
        super("The data directory " + dataDir + " is in use by another running instance of the application");
        this.dataDir = dataDir;
    }

    public Path dataDir() {
        return dataDir;
    }
}
