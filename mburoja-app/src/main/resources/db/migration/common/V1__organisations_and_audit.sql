-- Organisations (identity module) and the hash-chained audit log (audit module).
-- Runs unchanged on H2 (PostgreSQL mode) and PostgreSQL.

CREATE TABLE organisations (
    id          UUID PRIMARY KEY,
    kind        VARCHAR(32)  NOT NULL,
    name        VARCHAR(300) NOT NULL,
    name_key    VARCHAR(300) NOT NULL,
    country     CHAR(2),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_organisations_name UNIQUE (name_key),
    CONSTRAINT ck_organisations_kind CHECK (kind IN ('NATIONAL_AUTHORITY', 'OPERATOR', 'PARTNER'))
);

CREATE TABLE audit_log (
    seq             BIGINT PRIMARY KEY,
    at              TIMESTAMP WITH TIME ZONE NOT NULL,
    actor           VARCHAR(200) NOT NULL,
    organisation_id VARCHAR(36),
    action          VARCHAR(100) NOT NULL,
    object_type     VARCHAR(100),
    object_id       VARCHAR(200),
    source_ip       VARCHAR(64),
    before_json     TEXT,
    after_json      TEXT,
    prev_hash       CHAR(64) NOT NULL,
    hash            CHAR(64) NOT NULL
);
CREATE INDEX ix_audit_log_at ON audit_log (at);
CREATE INDEX ix_audit_log_actor ON audit_log (actor);
CREATE INDEX ix_audit_log_object ON audit_log (object_type, object_id);

-- the chain head: its row lock serialises appends; it also detects truncation of the tail
CREATE TABLE audit_head (
    id   INT PRIMARY KEY,
    seq  BIGINT NOT NULL,
    hash CHAR(64) NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
