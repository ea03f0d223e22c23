-- TOTP seeds are stored sealed (AES-256-GCM, "v1:" + base64 of nonce, ciphertext and tag: 83 characters for a
-- 160-bit seed), see TotpSecrets; plain seeds of earlier versions are sealed in place when the server starts.
-- Runs unchanged on H2 (PostgreSQL mode) and PostgreSQL.
ALTER TABLE users ALTER COLUMN totp_secret SET DATA TYPE VARCHAR(255);
