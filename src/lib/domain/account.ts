/**
 * The rules of an account, shared by the app's forms (messages as i18n keys) and the
 * server's validation (messages in English for the API): one place for the limits.
 */
export const ROLES = ['admin', 'manager', 'rep'] as const;
export type Role = (typeof ROLES)[number];

export const USERNAME = { min: 3, max: 40, pattern: /^[a-z0-9._-]+$/ } as const;
export const PASSWORD = { min: 8, max: 200 } as const;
