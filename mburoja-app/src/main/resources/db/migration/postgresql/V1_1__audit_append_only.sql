-- On PostgreSQL the audit log is append-only at the database level as well: UPDATE and DELETE are refused.
-- (The hash chain detects changes made by someone who can bypass this, e.g. a superuser.)
CREATE FUNCTION mburoja_audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_log_append_only
    BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION mburoja_audit_append_only();
