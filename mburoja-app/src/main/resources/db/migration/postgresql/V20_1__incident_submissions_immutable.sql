-- On PostgreSQL submitted reports and custody entries cannot be changed at the database level either.
CREATE FUNCTION mburoja_incident_immutable() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '% is immutable: % refused', TG_TABLE_NAME, TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER incident_submissions_immutable
    BEFORE UPDATE OR DELETE ON incident_submissions
    FOR EACH ROW EXECUTE FUNCTION mburoja_incident_immutable();

CREATE TRIGGER incident_custody_immutable
    BEFORE UPDATE OR DELETE ON incident_custody
    FOR EACH ROW EXECUTE FUNCTION mburoja_incident_immutable();
