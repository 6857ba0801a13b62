-- Nodes and edges of the knowledge graph. Props are JSON text; provenance is flattened into columns
-- so that an edit can replace one source's facts with an indexed delete.
CREATE TABLE nodes (
    id          TEXT PRIMARY KEY,
    label       TEXT NOT NULL,
    name        TEXT NOT NULL,
    props       TEXT NOT NULL DEFAULT '{}',
    source      TEXT,
    start_line  INTEGER,
    start_col   INTEGER,
    end_line    INTEGER,
    end_col     INTEGER,
    commit_sha  TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX nodes_label ON nodes (label);
CREATE INDEX nodes_source ON nodes (source);
CREATE INDEX nodes_name ON nodes (name);

CREATE TABLE edges (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    src         TEXT NOT NULL,
    dst         TEXT NOT NULL,
    type        TEXT NOT NULL,
    props       TEXT NOT NULL DEFAULT '{}',
    source      TEXT,
    start_line  INTEGER,
    start_col   INTEGER,
    end_line    INTEGER,
    end_col     INTEGER,
    commit_sha  TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (src, type, dst)
);
CREATE INDEX edges_dst ON edges (dst, type);
CREATE INDEX edges_type ON edges (type);
CREATE INDEX edges_source ON edges (source);
