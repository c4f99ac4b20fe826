import type { Env } from '../../../platform/config';

/** One budget of an account mutation: `points` calls per `windowSeconds` per key, then blocked for `blockSeconds`. */
export interface AuthBucket {
  points: number;
  windowSeconds: number;
  blockSeconds: number;
}

/**
 * Budgets of the account mutations, on top of the API budget, per e-mail address (as typed,
 * case-insensitive) and per client address. They apply whether or not RATE_LIMIT_ENABLED is set.
 *
 * | bucket                                   | production         | development          |
 * | ---------------------------------------- | ------------------ | -------------------- |
 * | login failures per e-mail                | 5 / 15 min, then locked 15 min | the same |
 * | login failures per IP                    | 30 / 15 min, then locked 15 min | the same |
 * | register per IP                          | 10 / hour          | 1000 / hour          |
 * | requestPasswordReset per e-mail          | 5 / hour           | the same             |
 * | requestPasswordReset per IP              | 20 / hour          | 1000 / hour          |
 * | resetPassword + verifyEmail per IP       | 10 / 15 min        | 1000 / 15 min        |
 * | refreshToken per IP                      | 60 / min           | 10000 / min          |
 *
 * A login is charged before it runs (so parallel or aliased guesses cannot overtake the count)
 * and refunded when it signs in or fails for another reason than INVALID_CREDENTIALS: only
 * failed guesses count.
 */
export interface AuthLimitsConfig {
  loginPerEmail: AuthBucket;
  loginPerIp: AuthBucket;
  registerPerIp: AuthBucket;
  passwordResetPerEmail: AuthBucket;
  passwordResetPerIp: AuthBucket;
  tokenPerIp: AuthBucket;
  refreshPerIp: AuthBucket;
}

export function readAuthLimitsConfig(env: Env, production: boolean): AuthLimitsConfig {
  const loginWindow = env.int('LOGIN_FAILURE_WINDOW_SECONDS', 900, { min: 1, max: 86_400 });
  const lockout = env.int('LOGIN_LOCKOUT_SECONDS', 900, { min: 1, max: 86_400 });
  const generous = (prod: number, dev: number) => (production ? prod : dev);
  return {
    loginPerEmail: { points: env.int('LOGIN_MAX_FAILURES_PER_EMAIL', 5, { min: 1 }), windowSeconds: loginWindow, blockSeconds: lockout },
    loginPerIp: { points: env.int('LOGIN_MAX_FAILURES_PER_IP', 30, { min: 1 }), windowSeconds: loginWindow, blockSeconds: lockout },
    registerPerIp: { points: env.int('REGISTER_MAX_PER_IP_PER_HOUR', generous(10, 1000), { min: 1 }), windowSeconds: 3600, blockSeconds: 0 },
    passwordResetPerEmail: { points: env.int('PASSWORD_RESET_MAX_PER_EMAIL_PER_HOUR', 5, { min: 1 }), windowSeconds: 3600, blockSeconds: 0 },
    passwordResetPerIp: { points: env.int('PASSWORD_RESET_MAX_PER_IP_PER_HOUR', generous(20, 1000), { min: 1 }), windowSeconds: 3600, blockSeconds: 0 },
    tokenPerIp: { points: env.int('TOKEN_MAX_PER_IP_PER_15_MIN', generous(10, 1000), { min: 1 }), windowSeconds: 900, blockSeconds: 0 },
    refreshPerIp: { points: env.int('REFRESH_MAX_PER_IP_PER_MINUTE', generous(60, 10_000), { min: 1 }), windowSeconds: 60, blockSeconds: 0 },
  };
}
