/** The sections of a customer's page, in order. */
export const TABS = ['profile', 'orders', 'services', 'visits', 'campaigns', 'history'] as const;
export type Tab = (typeof TABS)[number];
