-- Operator registry (operators module): NIS2 sector reference list, operator records and their assets.
-- Runs unchanged on H2 (PostgreSQL mode) and PostgreSQL. operators.id is the id of the operator's organisation
-- (identity module); no foreign key crosses the module boundary.

CREATE TABLE operator_sectors (
    code      VARCHAR(40)  PRIMARY KEY,
    annex     VARCHAR(3)   NOT NULL,
    position  INT          NOT NULL,
    name_en   VARCHAR(200) NOT NULL,
    name_sq   VARCHAR(200) NOT NULL,
    CONSTRAINT ck_operator_sectors_annex CHECK (annex IN ('I', 'II'))
);

CREATE TABLE operator_subsectors (
    code        VARCHAR(60)  PRIMARY KEY,
    sector_code VARCHAR(40)  NOT NULL REFERENCES operator_sectors (code),
    position    INT          NOT NULL,
    name_en     VARCHAR(200) NOT NULL,
    name_sq     VARCHAR(200) NOT NULL
);

CREATE TABLE operators (
    id              UUID PRIMARY KEY,
    name            VARCHAR(300) NOT NULL,
    name_key        VARCHAR(300) NOT NULL,
    nipt            VARCHAR(10)  NOT NULL,
    address         VARCHAR(500) NOT NULL,
    sector_code     VARCHAR(40)  NOT NULL REFERENCES operator_sectors (code),
    subsector_code  VARCHAR(60)  REFERENCES operator_subsectors (code),
    entity_class    VARCHAR(16)  NOT NULL,
    security_email  VARCHAR(254) NOT NULL,
    security_phone  VARCHAR(16)  NOT NULL,
    emergency_name  VARCHAR(200),
    emergency_phone VARCHAR(16)  NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_operators_nipt UNIQUE (nipt),
    CONSTRAINT ck_operators_entity_class CHECK (entity_class IN ('ESSENTIAL', 'IMPORTANT'))
);
CREATE INDEX ix_operators_name ON operators (name_key);
CREATE INDEX ix_operators_sector ON operators (sector_code);

CREATE TABLE operator_service_states (
    operator_id UUID    NOT NULL REFERENCES operators (id) ON DELETE CASCADE,
    position    INT     NOT NULL,
    country     CHAR(2) NOT NULL,
    PRIMARY KEY (operator_id, country)
);

CREATE TABLE operator_ip_ranges (
    operator_id UUID        NOT NULL REFERENCES operators (id) ON DELETE CASCADE,
    position    INT         NOT NULL,
    cidr        VARCHAR(64) NOT NULL,
    PRIMARY KEY (operator_id, cidr)
);
CREATE INDEX ix_operator_ip_ranges_cidr ON operator_ip_ranges (cidr);

CREATE TABLE operator_domains (
    operator_id UUID         NOT NULL REFERENCES operators (id) ON DELETE CASCADE,
    position    INT          NOT NULL,
    domain      VARCHAR(253) NOT NULL,
    PRIMARY KEY (operator_id, domain)
);
CREATE INDEX ix_operator_domains_domain ON operator_domains (domain);

CREATE TABLE operator_asns (
    operator_id UUID   NOT NULL REFERENCES operators (id) ON DELETE CASCADE,
    position    INT    NOT NULL,
    asn         BIGINT NOT NULL,
    PRIMARY KEY (operator_id, asn)
);
CREATE INDEX ix_operator_asns_asn ON operator_asns (asn);
