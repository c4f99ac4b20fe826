import { ConfigError } from '../../../../platform/config';
import { readUsersConfig } from '../config';
import { productionTestEnv } from '../../../../platform/testing/test-secrets';

const base = { ...productionTestEnv(), REDIS_URL: 'redis://r:6379', USERS_DATABASE_URL: 'postgres://u@h/users' };

describe('mail and SMS configuration', () => {
  it('writes mail to .data/<env>/mail without SMTP in development and tests', () => {
    expect(readUsersConfig({ NODE_ENV: 'development' }).mail.fileDir).toMatch(/\.data\/dev\/mail$/);
    expect(readUsersConfig({ NODE_ENV: 'test' }).mail.fileDir).toMatch(/\.data\/test\/mail$/);
    expect(readUsersConfig({ NODE_ENV: 'test' }).sms.logFile).toMatch(/\.data\/test\/sms\.log$/);
  });

  it('uses SMTP when SMTP_URL is set, and refuses a URL that is not smtp(s)', () => {
    const config = readUsersConfig({ NODE_ENV: 'development', SMTP_URL: 'smtp://user:pw@mail.example.com:587' });
    expect(config.mail).toMatchObject({ smtpUrl: 'smtp://user:pw@mail.example.com:587', fileDir: undefined });
    expect(() => readUsersConfig({ SMTP_URL: 'http://mail.example.com' })).toThrow(/SMTP_URL must be a smtp or smtps URL/);
  });

  it('requires SMTP_URL in production unless MAIL_DIR asks for files', () => {
    expect(() => readUsersConfig({ ...base, NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => readUsersConfig({ ...base, NODE_ENV: 'production' })).toThrow(/SMTP_URL is required/);
    expect(readUsersConfig({ ...base, NODE_ENV: 'production', MAIL_DIR: '/var/mail-out' }).mail.fileDir).toBe('/var/mail-out');
  });

  it('keeps the crash fault injection off by default and refuses it in production', () => {
    expect(readUsersConfig({ NODE_ENV: 'test' }).notifications).toEqual({ claimTimeoutSeconds: 300, sweepMs: 60_000, faultKillAt: 'none' });
    expect(readUsersConfig({ NODE_ENV: 'test', NOTIFICATION_FAULT_KILL_AT: 'after-send' }).notifications.faultKillAt).toBe('after-send');
    expect(() => readUsersConfig({ NODE_ENV: 'test', NOTIFICATION_FAULT_KILL_AT: 'sometimes' })).toThrow(/NOTIFICATION_FAULT_KILL_AT must be one of/);
    const production = { ...base, NODE_ENV: 'production', SMTP_URL: 'smtp://mail.example.com' };
    expect(() => readUsersConfig({ ...production, NOTIFICATION_FAULT_KILL_AT: 'after-claim' })).toThrow(/cannot be set in production/);
  });
});
