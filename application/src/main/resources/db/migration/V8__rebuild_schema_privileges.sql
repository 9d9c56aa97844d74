-- A read-model rebuild (V5_4) makes its copies in the rebuild schema as the application's role.
GRANT USAGE, CREATE ON SCHEMA rebuild TO ledger_app;
