/** Settings shared by playwright.config.ts and the e2e helpers. */
/** WERKRAUM_E2E_PORT lets several checkouts run their e2e suites side by side. */
export const E2E_PORT = Number(process.env.WERKRAUM_E2E_PORT ?? 3123);
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_PORT}`;

/** The moderator account the server creates at start-up from WERKRAUM_ADMIN_EMAIL/PASSWORD. */
export const E2E_ADMIN = {
  email: 'moderator@example.org',
  password: 'e2e-Passwort-2024',
} as const;
