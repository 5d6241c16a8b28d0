// The environment variables a script signs the command line in with. A module of its own, so
// the test set-up (test/setup-env.ts, run before every test file) names them without loading
// the CLI, the services and the API contract for files that use none of them.
export const ACCOUNT_ENV = 'RS_ACCOUNT';
export const PASSWORD_ENV = 'RS_PASSWORD';
