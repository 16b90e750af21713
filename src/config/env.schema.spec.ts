import { EnvironmentError, maskSecrets, validateEnv } from './env.schema';

describe(validateEnv.name, () => {
  it('should fill defaults that fit a machine with nothing but Node (embedded database and queue)', () => {
    const env = validateEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.REDIS_URL).toBeUndefined();
    expect(env.DATA_DIR).toBe('data');
    expect(env.EMBEDDED_DATABASE_PORT).toBe(0);
    expect(env.MIGRATIONS_RUN).toBe(true);
    expect(env.JWT_SECRET).toBeUndefined();
  });

  it('should convert numbers and booleans from strings', () => {
    const env = validateEnv({ PORT: '8080', MIGRATIONS_RUN: 'false', UPLOAD_MAX_BYTES: '2048' });
    expect(env.PORT).toBe(8080);
    expect(env.MIGRATIONS_RUN).toBe(false);
    expect(env.UPLOAD_MAX_BYTES).toBe(2048);
  });

  it('should name every invalid setting in one message and mask passwords', () => {
    const attempt = (): unknown =>
      validateEnv({ PORT: 'eighty', DATABASE_URL: 'mysql://root:hunter2@db/x', JWT_SECRET: 'short' });
    expect(attempt).toThrow(EnvironmentError);
    const message = thrownMessage(attempt);
    expect(message).toContain('PORT=eighty');
    expect(message).toContain('DATABASE_URL=mysql://root:***@db/x');
    expect(message).toContain('JWT_SECRET=***');
    expect(message).not.toContain('short');
    expect(message).not.toContain('hunter2');
    expect(message.split('\n')).toHaveLength(1);
  });
});

describe(maskSecrets.name, () => {
  it('should hide the password of a URL and keep the rest', () => {
    expect(maskSecrets('redis://:pw@cache:6379')).toBe('redis://:***@cache:6379');
    expect(maskSecrets('postgres://postgres@127.0.0.1/db')).toBe('postgres://postgres@127.0.0.1/db');
  });
});

describe('empty settings', () => {
  it('should treat an empty value as unset', () => {
    const env = validateEnv({ JWT_SECRET: '', PORT: '' });
    expect(env.JWT_SECRET).toBeUndefined();
    expect(env.PORT).toBe(3000);
  });
});

function thrownMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return (error as Error).message;
  }
  return '';
}
