/** Kept apart from password.ts so client-side forms can import it without the native argon2 binding. */
export const MIN_PASSWORD_LENGTH = 12;
