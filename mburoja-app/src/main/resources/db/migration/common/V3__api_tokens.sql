-- API tokens: only the SHA-256 of the secret is stored; the secret is shown once at creation.
CREATE TABLE api_tokens (
    id           UUID PRIMARY KEY,
    user_id      UUID          NOT NULL REFERENCES users (id),
    name         VARCHAR(100)  NOT NULL,
    token_hash   CHAR(64)      NOT NULL,
    prefix       VARCHAR(16)   NOT NULL,
    scopes       VARCHAR(1000) NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at TIMESTAMP WITH TIME ZONE,
    revoked_at   TIMESTAMP WITH TIME ZONE,
    CONSTRAINT uq_api_tokens_hash UNIQUE (token_hash)
);
CREATE INDEX ix_api_tokens_user ON api_tokens (user_id);
