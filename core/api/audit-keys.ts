// What a host needs to keep the audit chain's key its own way (Electron: safeStorage): the key
// fingerprint and the key-file helper of core/db/audit-chain.ts.
export { auditKey, KEY_FILE_NAME, readOrCreateKeyFile, type AuditKey, type AuditKeyring } from '../db/audit-chain';
