-- Threat-intelligence store (intel module): TAXII collections with per-organisation rights, STIX objects kept as
-- their exact JSON with every version, and the side indexes for TAXII filters and search. H2 and PostgreSQL.

CREATE TABLE intel_collections (
    id          UUID PRIMARY KEY,
    api_root    VARCHAR(64)  NOT NULL,
    alias       VARCHAR(100),
    title       VARCHAR(300) NOT NULL,
    description VARCHAR(2000),
    -- every organisation of this node may read (what TLP allows) / write, without an explicit grant
    open_read   BOOLEAN      NOT NULL,
    open_write  BOOLEAN      NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_intel_collections_alias UNIQUE (api_root, alias)
);

CREATE TABLE intel_collection_rights (
    collection_id   UUID    NOT NULL REFERENCES intel_collections (id) ON DELETE CASCADE,
    organisation_id UUID    NOT NULL,
    can_read        BOOLEAN NOT NULL,
    can_write       BOOLEAN NOT NULL,
    -- members of the collection's sharing group receive TLP:AMBER
    sharing_group   BOOLEAN NOT NULL,
    PRIMARY KEY (collection_id, organisation_id)
);

-- hi/lo allocation of object sequence numbers: one round trip per 1000 objects
CREATE SEQUENCE stix_object_seq START WITH 1000 INCREMENT BY 1000;

CREATE TABLE stix_objects (
    seq            BIGINT PRIMARY KEY,
    collection_id  UUID         NOT NULL REFERENCES intel_collections (id) ON DELETE CASCADE,
    stix_id        VARCHAR(300) NOT NULL,
    stix_type      VARCHAR(250) NOT NULL,
    spec_version   VARCHAR(10)  NOT NULL,
    -- the TAXII version: modified, else created, else date_added (microsecond precision)
    version        TIMESTAMP WITH TIME ZONE NOT NULL,
    version_text   VARCHAR(40)  NOT NULL,
    date_added     TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked        BOOLEAN      NOT NULL,
    is_first       BOOLEAN      NOT NULL,
    is_last        BOOLEAN      NOT NULL,
    tlp            VARCHAR(16),
    owner_org      UUID,
    created_by_ref VARCHAR(300),
    source         VARCHAR(300) NOT NULL,
    json           TEXT         NOT NULL,
    -- stix_id first: an IN list of ids can use it on H2 as well as on PostgreSQL
    CONSTRAINT uq_stix_objects_version UNIQUE (stix_id, collection_id, version)
);
CREATE INDEX ix_stix_objects_added ON stix_objects (collection_id, date_added);
CREATE INDEX ix_stix_objects_type ON stix_objects (collection_id, stix_type, date_added);
CREATE INDEX ix_stix_objects_version ON stix_objects (version);

-- search side indexes (labels, values from patterns and observables), keyed by the object row
CREATE TABLE stix_object_labels (
    seq   BIGINT       NOT NULL REFERENCES stix_objects (seq) ON DELETE CASCADE,
    label VARCHAR(250) NOT NULL
);
CREATE INDEX ix_stix_object_labels ON stix_object_labels (label, seq);
CREATE INDEX ix_stix_object_labels_seq ON stix_object_labels (seq);

CREATE TABLE stix_object_values (
    seq   BIGINT        NOT NULL REFERENCES stix_objects (seq) ON DELETE CASCADE,
    obs_value VARCHAR(1000) NOT NULL
);
CREATE INDEX ix_stix_object_values ON stix_object_values (obs_value, seq);
CREATE INDEX ix_stix_object_values_seq ON stix_object_values (seq);

-- TAXII status resources of POSTed envelopes
CREATE TABLE taxii_status (
    id                UUID PRIMARY KEY,
    collection_id     UUID         NOT NULL REFERENCES intel_collections (id) ON DELETE CASCADE,
    organisation_id   UUID,
    requested_by      VARCHAR(200) NOT NULL,
    request_timestamp TIMESTAMP WITH TIME ZONE NOT NULL,
    total_count       INT          NOT NULL,
    success_count     INT          NOT NULL,
    failure_count     INT          NOT NULL,
    outcome_json      TEXT         NOT NULL
);

-- a fresh node: one API root with two collections, so a newcomer can publish and pull at once
INSERT INTO intel_collections (id, api_root, alias, title, description, open_read, open_write, created_at)
VALUES ('9d0f0b43-5c1a-4a53-9a43-0e4a6f1c0001', 'intel', 'national', 'National intelligence',
        'Intelligence of the national authority; partners read what TLP and their grants allow', FALSE, FALSE,
        CURRENT_TIMESTAMP);
INSERT INTO intel_collections (id, api_root, alias, title, description, open_read, open_write, created_at)
VALUES ('9d0f0b43-5c1a-4a53-9a43-0e4a6f1c0002', 'intel', 'partner-sharing', 'Partner sharing',
        'Exchange with partner agencies of the cooperation network; every organisation may publish and read', TRUE,
        TRUE, CURRENT_TIMESTAMP);
