-- Users of the identity module. One organisation and one role per user (see docs/decisions/0003-identity.md).
-- Runs unchanged on H2 (PostgreSQL mode) and PostgreSQL.
CREATE TABLE users (
    id                   UUID PRIMARY KEY,
    username             VARCHAR(64)  NOT NULL,
    username_key         VARCHAR(64)  NOT NULL,
    display_name         VARCHAR(200),
    email                VARCHAR(320),
    organisation_id      UUID         NOT NULL REFERENCES organisations (id),
    role                 VARCHAR(16)  NOT NULL,
    password_hash        VARCHAR(255) NOT NULL,
    must_change_password BOOLEAN      NOT NULL,
    enabled              BOOLEAN      NOT NULL,
    totp_secret          VARCHAR(64),
    totp_last_step       BIGINT       NOT NULL DEFAULT 0,
    failed_attempts      INT          NOT NULL DEFAULT 0,
    locked_until         TIMESTAMP WITH TIME ZONE,
    session_epoch        INT          NOT NULL DEFAULT 0,
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    password_changed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    last_login_at        TIMESTAMP WITH TIME ZONE,
    CONSTRAINT uq_users_username UNIQUE (username_key),
    CONSTRAINT ck_users_role CHECK (role IN ('ADMIN', 'ANALYST', 'OPERATOR', 'PARTNER', 'VIEWER'))
);
CREATE INDEX ix_users_organisation ON users (organisation_id);
