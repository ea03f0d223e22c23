-- Federation (intel module): peer nodes this node pulls STIX from over TAXII 2.1, which remote collection feeds
-- which local one with its incremental cursor, and the record of every sync run. H2 and PostgreSQL.

CREATE TABLE intel_peers (
    id               UUID PRIMARY KEY,
    name             VARCHAR(100)  NOT NULL,
    -- the peer's TAXII API root (e.g. https://node.example/taxii2/intel/)
    api_root_url     VARCHAR(1000) NOT NULL,
    -- BEARER or BASIC; the secret is AES-GCM encrypted with this node's federation key, never returned
    auth_kind        VARCHAR(10)   NOT NULL,
    auth_user        VARCHAR(200),
    secret_encrypted VARCHAR(4000) NOT NULL,
    -- comma-separated TLP levels that may flow in (clear,green,amber,amber+strict,red)
    allowed_tlp      VARCHAR(100)  NOT NULL,
    interval_seconds INT           NOT NULL,
    enabled          BOOLEAN       NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_intel_peers_name UNIQUE (name)
);

CREATE TABLE intel_peer_collections (
    peer_id           UUID         NOT NULL REFERENCES intel_peers (id) ON DELETE CASCADE,
    remote_collection VARCHAR(100) NOT NULL,
    local_collection  UUID         NOT NULL REFERENCES intel_collections (id),
    -- the last X-TAXII-Date-Added-Last seen: where the next incremental pull starts
    added_after       VARCHAR(40),
    PRIMARY KEY (peer_id, remote_collection)
);

CREATE TABLE intel_peer_runs (
    id          UUID PRIMARY KEY,
    peer_id     UUID         NOT NULL REFERENCES intel_peers (id) ON DELETE CASCADE,
    trigger_by  VARCHAR(200) NOT NULL,
    started_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at TIMESTAMP WITH TIME ZONE,
    received    BIGINT       NOT NULL,
    stored      BIGINT       NOT NULL,
    duplicates  BIGINT       NOT NULL,
    rejected    BIGINT       NOT NULL,
    refused_tlp BIGINT       NOT NULL,
    error       VARCHAR(2000)
);
CREATE INDEX ix_intel_peer_runs_peer ON intel_peer_runs (peer_id, started_at);
