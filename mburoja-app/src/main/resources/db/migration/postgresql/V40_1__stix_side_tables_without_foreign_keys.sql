-- On PostgreSQL the label and value side tables of stix_objects carry no foreign key (docs/decisions/0041): the
-- check cost a third of their insert time during bulk ingest, and their rows are written and deleted only with
-- their object row (StixRows.insert, StixRows.delete). H2 keeps the keys, so the tests still prove that no side row
-- is ever written without its object.
ALTER TABLE stix_object_labels DROP CONSTRAINT stix_object_labels_seq_fkey;
ALTER TABLE stix_object_values DROP CONSTRAINT stix_object_values_seq_fkey;
