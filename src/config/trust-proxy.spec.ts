import { trustProxySetting } from './app-config.service';

describe(trustProxySetting.name, () => {
  it('should leave trust proxy off when TRUST_PROXY is unset or blank', () => {
    expect(trustProxySetting(undefined)).toBeUndefined();
    expect(trustProxySetting('  ')).toBeUndefined();
  });

  it('should read a hop count as a number, true/false as booleans and addresses as they are', () => {
    expect(trustProxySetting('1')).toBe(1);
    expect(trustProxySetting('true')).toBe(true);
    expect(trustProxySetting('false')).toBe(false);
    expect(trustProxySetting(' loopback ')).toBe('loopback');
    expect(trustProxySetting('10.0.0.0/8,fc00::/7')).toBe('10.0.0.0/8,fc00::/7');
  });
});
