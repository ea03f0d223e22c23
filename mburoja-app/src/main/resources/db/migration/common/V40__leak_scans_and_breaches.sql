-- Leak scans and breach records (leaks module). Runs unchanged on H2 (PostgreSQL mode) and PostgreSQL.

CREATE TABLE leak_scan_jobs (
    id               UUID PRIMARY KEY,
    source_name      VARCHAR(500)  NOT NULL,
    source_kind      VARCHAR(16)   NOT NULL,
    status           VARCHAR(16)   NOT NULL,
    bytes_total      BIGINT        NOT NULL,
    bytes_done       BIGINT        NOT NULL,
    created_by       VARCHAR(200)  NOT NULL,
    organisation_id  VARCHAR(36),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at      TIMESTAMP WITH TIME ZONE,
    error            VARCHAR(2000),
    distinct_nids    BIGINT,
    distinct_persons BIGINT,
    risk_level       VARCHAR(16),
    report_json      TEXT,
    dump_stored      BOOLEAN       NOT NULL,
    dump_file        VARCHAR(1000),
    CONSTRAINT ck_leak_scan_status CHECK (status IN ('QUEUED', 'RUNNING', 'DONE', 'FAILED')),
    CONSTRAINT ck_leak_scan_source CHECK (source_kind IN ('UPLOAD', 'SERVER_PATH'))
);
CREATE INDEX ix_leak_scan_jobs_created ON leak_scan_jobs (created_at);

CREATE TABLE breach_records (
    id                             UUID PRIMARY KEY,
    title                          VARCHAR(300)  NOT NULL,
    source                         VARCHAR(1000) NOT NULL,
    discovered_at                  TIMESTAMP WITH TIME ZONE NOT NULL,
    controller_organisation_id     VARCHAR(36),
    controller_name                VARCHAR(300),
    scan_job_id                    UUID REFERENCES leak_scan_jobs (id),
    risk_level                     VARCHAR(16),
    persons_affected               BIGINT,
    special_categories             VARCHAR(300),
    authority_deadline             TIMESTAMP WITH TIME ZONE NOT NULL,
    authority_notified_at          TIMESTAMP WITH TIME ZONE,
    subjects_notification_required BOOLEAN       NOT NULL,
    subjects_notified_at           TIMESTAMP WITH TIME ZONE,
    status                         VARCHAR(32)   NOT NULL,
    created_by                     VARCHAR(200)  NOT NULL,
    created_at                     TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at                     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT ck_breach_status CHECK (status IN ('OPEN', 'AUTHORITY_NOTIFIED', 'CLOSED'))
);
CREATE INDEX ix_breach_records_deadline ON breach_records (authority_deadline);

CREATE TABLE breach_decisions (
    id          UUID PRIMARY KEY,
    breach_id   UUID          NOT NULL REFERENCES breach_records (id),
    decided_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    decided_by  VARCHAR(200)  NOT NULL,
    kind        VARCHAR(32)   NOT NULL,
    note        VARCHAR(4000) NOT NULL
);
CREATE INDEX ix_breach_decisions_breach ON breach_decisions (breach_id, decided_at);
