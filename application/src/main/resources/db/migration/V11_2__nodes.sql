-- The application processes working on this database, each seen again every few seconds while it runs. A node not
-- seen for a while is dead: its share of the read models' segments goes to the others.
-- groups: the read models whose processors run on the node, the only ones it can take segments of.
CREATE TABLE ledger_node (
    node       TEXT        PRIMARY KEY,
    started_at TIMESTAMPTZ NOT NULL,
    seen_at    TIMESTAMPTZ NOT NULL,
    groups     TEXT[]      NOT NULL DEFAULT '{}'
);

-- A read model whose processor every node stops for a moment (a rebuild's switch-over), by the node that asked.
-- A pause whose node is dead is void.
CREATE TABLE processor_pause (
    processing_group TEXT        PRIMARY KEY,
    node             TEXT        NOT NULL,
    since            TIMESTAMPTZ NOT NULL
);
