/** Accounts: password hashing, name rules, and wrong-password throttling. */
export { hashPassword, verifyPassword, needsRehash, passwordProblem, setHashConcurrency, DEFAULT_SCRYPT_PARAMS, MIN_PASSWORD_LENGTH, MAX_PASSWORD_LENGTH, type ScryptParams } from './password';
export { validateName, nameKey, RESERVED_NAMES, MIN_NAME_LENGTH, MAX_NAME_LENGTH, type NameCheck, type NameKind, type NameRules } from './names';
export { roleChangeOf, roleNamed, rolesAfter, RoleError, type RoleChange } from './roles';
export { LoginThrottle, lockDurationMs, formatWait, DEFAULT_ACCOUNT_POLICY, DEFAULT_ADDRESS_POLICY, type ThrottlePolicy, type ThrottleOptions, type ThrottleVerdict, type AttemptTicket } from './throttle';
