-- Incidents module: operator reports with their legal clocks, and CSIRT cases.
-- Operator data is copied as submitted (organisation id, name, sector, entity class) so this module does not read
-- the operator registry's tables. Runs unchanged on H2 (PostgreSQL mode) and PostgreSQL.

CREATE TABLE incident_counters (
    name  VARCHAR(40) PRIMARY KEY,
    counter_value BIGINT NOT NULL
);
INSERT INTO incident_counters (name, counter_value) VALUES ('report', 0);
INSERT INTO incident_counters (name, counter_value) VALUES ('case', 0);

CREATE TABLE incident_reports (
    id                      UUID PRIMARY KEY,
    number                  VARCHAR(40)  NOT NULL,
    organisation_id         UUID         NOT NULL,
    operator_name           VARCHAR(300) NOT NULL,
    sector                  VARCHAR(100) NOT NULL,
    entity_class            VARCHAR(20)  NOT NULL,
    entity_type             VARCHAR(60)  NOT NULL,
    trust_service_provider  BOOLEAN      NOT NULL,
    title                   VARCHAR(300) NOT NULL,
    contact_email           VARCHAR(320),
    aware_at                TIMESTAMP WITH TIME ZONE NOT NULL,
    significant             BOOLEAN      NOT NULL,
    significance_json       TEXT         NOT NULL,
    intermediate_due_at     TIMESTAMP WITH TIME ZONE,
    intermediate_request    VARCHAR(4000),
    handling_ended_at       TIMESTAMP WITH TIME ZONE,
    case_id                 UUID,
    created_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by              VARCHAR(200) NOT NULL,
    CONSTRAINT uq_incident_reports_number UNIQUE (number),
    CONSTRAINT ck_incident_reports_class CHECK (entity_class IN ('ESSENTIAL', 'IMPORTANT'))
);
CREATE INDEX ix_incident_reports_org ON incident_reports (organisation_id);

-- every submission is immutable; a correction is a new version of the same stage
CREATE TABLE incident_submissions (
    id              UUID PRIMARY KEY,
    report_id       UUID         NOT NULL REFERENCES incident_reports (id),
    stage           VARCHAR(30)  NOT NULL,
    version         INT          NOT NULL,
    receipt         VARCHAR(80)  NOT NULL,
    submitted_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    submitted_by    VARCHAR(200) NOT NULL,
    organisation_id UUID,
    content_json    TEXT         NOT NULL,
    content_sha256  CHAR(64)     NOT NULL,
    CONSTRAINT uq_incident_submissions_version UNIQUE (report_id, stage, version),
    CONSTRAINT uq_incident_submissions_receipt UNIQUE (receipt)
);

-- the computed clocks, kept for the overdue sweep and the queue (recomputed on every change of a report)
CREATE TABLE incident_deadlines (
    report_id    UUID        NOT NULL REFERENCES incident_reports (id),
    stage        VARCHAR(30) NOT NULL,
    due_at       TIMESTAMP WITH TIME ZONE,
    submitted_at TIMESTAMP WITH TIME ZONE,
    overdue_at   TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (report_id, stage)
);
CREATE INDEX ix_incident_deadlines_due ON incident_deadlines (due_at);

CREATE TABLE incident_cases (
    id               UUID PRIMARY KEY,
    number           VARCHAR(40)   NOT NULL,
    title            VARCHAR(300)  NOT NULL,
    description      VARCHAR(20000),
    severity         VARCHAR(20)   NOT NULL,
    status           VARCHAR(20)   NOT NULL,
    status_reason    VARCHAR(2000),
    closure_reason   VARCHAR(30),
    assignee         VARCHAR(200),
    organisation_id  UUID,
    sector           VARCHAR(100),
    entity_class     VARCHAR(20),
    rsit_class       VARCHAR(60),
    rsit_type        VARCHAR(60),
    attack_techniques VARCHAR(2000),
    tags             VARCHAR(1000),
    tlp              VARCHAR(20)   NOT NULL,
    pap              VARCHAR(10)   NOT NULL,
    cross_border     BOOLEAN       NOT NULL,
    merged_into      UUID,
    report_id        UUID,
    source           VARCHAR(20)   NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by       VARCHAR(200)  NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    closed_at        TIMESTAMP WITH TIME ZONE,
    CONSTRAINT uq_incident_cases_number UNIQUE (number)
);
CREATE INDEX ix_incident_cases_org ON incident_cases (organisation_id);

CREATE TABLE incident_case_shares (
    case_id         UUID NOT NULL REFERENCES incident_cases (id),
    organisation_id UUID NOT NULL,
    shared_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    shared_by       VARCHAR(200) NOT NULL,
    PRIMARY KEY (case_id, organisation_id)
);

CREATE TABLE incident_tasks (
    id         UUID PRIMARY KEY,
    case_id    UUID NOT NULL REFERENCES incident_cases (id),
    title      VARCHAR(300) NOT NULL,
    assignee   VARCHAR(200),
    due_at     TIMESTAMP WITH TIME ZONE,
    done       BOOLEAN NOT NULL,
    done_at    TIMESTAMP WITH TIME ZONE,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by VARCHAR(200) NOT NULL
);

CREATE TABLE incident_observables (
    id         UUID PRIMARY KEY,
    case_id    UUID NOT NULL REFERENCES incident_cases (id),
    kind       VARCHAR(20)  NOT NULL,
    obs_value  VARCHAR(2048) NOT NULL,
    note       VARCHAR(2000),
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by VARCHAR(200) NOT NULL,
    CONSTRAINT uq_incident_observables UNIQUE (case_id, kind, obs_value)
);

CREATE TABLE incident_timeline (
    id          UUID PRIMARY KEY,
    case_id     UUID NOT NULL REFERENCES incident_cases (id),
    event_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    recorded_at TIMESTAMP WITH TIME ZONE NOT NULL,
    actor       VARCHAR(200) NOT NULL,
    automatic   BOOLEAN NOT NULL,
    text        VARCHAR(4000) NOT NULL
);
CREATE INDEX ix_incident_timeline_case ON incident_timeline (case_id, event_at);

CREATE TABLE incident_comments (
    id         UUID PRIMARY KEY,
    case_id    UUID NOT NULL REFERENCES incident_cases (id),
    at         TIMESTAMP WITH TIME ZONE NOT NULL,
    author     VARCHAR(200) NOT NULL,
    organisation_id UUID,
    text       VARCHAR(10000) NOT NULL
);

CREATE TABLE incident_evidence (
    id            UUID PRIMARY KEY,
    case_id       UUID REFERENCES incident_cases (id),
    report_id     UUID REFERENCES incident_reports (id),
    filename      VARCHAR(255) NOT NULL,
    content_type  VARCHAR(100) NOT NULL,
    size_bytes    BIGINT       NOT NULL,
    sha256        CHAR(64)     NOT NULL,
    content       BYTEA        NOT NULL,
    added_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    added_by      VARCHAR(200) NOT NULL,
    description   VARCHAR(2000)
);

-- chain of custody: every hand-over of an evidence item (added, downloaded, exported) with the hash seen
CREATE TABLE incident_custody (
    id          UUID PRIMARY KEY,
    evidence_id UUID NOT NULL REFERENCES incident_evidence (id),
    at          TIMESTAMP WITH TIME ZONE NOT NULL,
    actor       VARCHAR(200) NOT NULL,
    action      VARCHAR(30)  NOT NULL,
    sha256      CHAR(64)     NOT NULL
);

CREATE TABLE incident_case_links (
    case_id  UUID NOT NULL REFERENCES incident_cases (id),
    other_id UUID NOT NULL REFERENCES incident_cases (id),
    relation VARCHAR(30) NOT NULL,
    linked_at TIMESTAMP WITH TIME ZONE NOT NULL,
    linked_by VARCHAR(200) NOT NULL,
    PRIMARY KEY (case_id, other_id)
);

-- where overdue notices go: an organisation's contacts (operator) or the duty analysts (organisation_id NULL)
CREATE TABLE incident_notify_targets (
    id              UUID PRIMARY KEY,
    organisation_id UUID,
    channel         VARCHAR(10)  NOT NULL,
    address         VARCHAR(2048) NOT NULL,
    secret          VARCHAR(200),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT ck_incident_notify_channel CHECK (channel IN ('EMAIL', 'WEBHOOK'))
);

-- every delivery attempt of a notice, successful or not
CREATE TABLE incident_deliveries (
    id          UUID PRIMARY KEY,
    report_id   UUID        NOT NULL,
    stage       VARCHAR(30) NOT NULL,
    channel     VARCHAR(10) NOT NULL,
    address     VARCHAR(2048) NOT NULL,
    attempt     INT         NOT NULL,
    at          TIMESTAMP WITH TIME ZONE NOT NULL,
    ok          BOOLEAN     NOT NULL,
    detail      VARCHAR(2000)
);
CREATE INDEX ix_incident_deliveries_report ON incident_deliveries (report_id);
