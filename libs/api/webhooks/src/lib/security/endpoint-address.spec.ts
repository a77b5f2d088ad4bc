import { assertPublicEndpoint, endpointUrlProblem, isPrivateAddress } from './endpoint-address';
import { newSigningSecret, openSecret, sealSecret } from './secret-box';

describe('webhook endpoint addresses', () => {
  it.each([
    '127.0.0.1',
    '10.0.0.5',
    '172.16.3.4',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '::1',
    '::',
    'fe80::1',
    'fd12:3456::1',
    '::ffff:127.0.0.1',
    '::ffff:10.1.2.3',
    'not-an-ip',
  ])('%s is private', (ip) => expect(isPrivateAddress(ip)).toBe(true));

  it.each(['8.8.8.8', '172.32.0.1', '93.184.216.34', '2606:4700::1111', '::ffff:8.8.8.8'])('%s is public', (ip) =>
    expect(isPrivateAddress(ip)).toBe(false),
  );

  it('judges the URL before any lookup: scheme, credentials, a host', () => {
    expect(endpointUrlProblem('https://hooks.example.com/x')).toBeNull();
    expect(endpointUrlProblem('file:///etc/passwd')).toBe('url must use http or https');
    expect(endpointUrlProblem('https://a:b@example.com/')).toBe('url must not contain credentials');
    expect(endpointUrlProblem('https://user@example.com/')).toBe('url must not contain credentials');
    expect(endpointUrlProblem('/relative')).toBe('url must be an absolute http(s) URL');
  });

  it('refuses literal private addresses unless allowed', async () => {
    await expect(assertPublicEndpoint('http://[::ffff:7f00:1]/x', false)).rejects.toThrow(/private/);
    await expect(assertPublicEndpoint('http://127.0.0.1:9/x', false)).rejects.toThrow(/private/);
    await expect(assertPublicEndpoint('http://127.0.0.1:9/x', true)).resolves.toBeUndefined();
    await expect(assertPublicEndpoint('http://8.8.8.8/x', false)).resolves.toBeUndefined();
  });
});

describe('webhook secrets at rest', () => {
  const key = Buffer.alloc(32, 3);

  it('are Standard Webhooks secrets, sealed and opened with the key only', () => {
    const secret = newSigningSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    const sealed = sealSecret(key, secret);
    expect(sealed).not.toContain(secret.slice(6));
    expect(sealSecret(key, secret)).not.toBe(sealed); // a fresh IV each time
    expect(openSecret(key, sealed)).toBe(secret);
    expect(() => openSecret(Buffer.alloc(32, 4), sealed)).toThrow();
    const [v, iv, tag, body] = sealed.split('.');
    const flipped = Buffer.from(body, 'base64url');
    flipped[0] ^= 1;
    expect(() => openSecret(key, [v, iv, tag, flipped.toString('base64url')].join('.'))).toThrow();
  });
});
