import { burstKeys, requestMachineReason, tooFast } from './machine-rules.util';

const BROWSER =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15';
const req = (over: Partial<{ method: string; userAgent: string; prefetch: string }>) => ({
  method: 'GET',
  userAgent: BROWSER,
  prefetch: '',
  ...over,
});

describe('machine rules', () => {
  it('request rules catch their case and leave a browser alone', () => {
    expect(requestMachineReason(req({}))).toBeNull();
    expect(requestMachineReason(req({ userAgent: '' }))).toBeNull();
    expect(requestMachineReason(req({ method: 'HEAD' }))).toBe('head');
    expect(requestMachineReason(req({ prefetch: 'prefetch' }))).toBe('prefetch');
    expect(requestMachineReason(req({ prefetch: 'prefetch;prerender' }))).toBe('prefetch');
    expect(requestMachineReason(req({ userAgent: 'Mozilla/5.0 (via ggpht.com GoogleImageProxy)' }))).toBe('proxy');
    expect(requestMachineReason(req({ userAgent: 'YahooMailProxy; https://help.yahoo.com/kb/yahoo-mail-proxy' }))).toBe(
      'proxy',
    );
    expect(requestMachineReason(req({ userAgent: 'Mozilla/5.0' }))).toBe('proxy');
    for (const ua of ['curl/8.5.0', 'python-requests/2.31', 'Mozilla/5.0 (compatible; bingbot/2.0)', 'Barracuda'])
      expect(requestMachineReason(req({ userAgent: ua }))).toBe('bot_agent');
  });

  it('too soon after delivery (or before it is known) is machine; later is not; 0 disables', () => {
    expect(tooFast(10_000, 9_000, 3)).toBe(true);
    expect(tooFast(10_000, 5_000, 3)).toBe(false);
    expect(tooFast(10_000, null, 3)).toBe(true);
    expect(tooFast(10_000, 9_999, 0)).toBe(false);
  });

  it('a burst is every link (≥ 2) clicked within the span; a human clicking them apart is not', () => {
    const c = (key: string, linkId: number, at: number) => ({ key, linkId, at });
    expect([...burstKeys([c('a', 1, 0), c('x', 1, 300), c('b', 2, 800)], 2, 5)].sort()).toEqual(['a', 'b', 'x']);
    // A person clicking one link a little after a scanner went through all of them stays human.
    expect([...burstKeys([c('a', 1, 0), c('b', 2, 10), c('p', 1, 1500)], 2, 1)].sort()).toEqual(['a', 'b']);
    expect(burstKeys([c('a', 1, 0), c('b', 2, 60_000)], 2, 5).size).toBe(0);
    expect(burstKeys([c('a', 1, 0), c('b', 2, 100)], 3, 5).size).toBe(0);
    expect(burstKeys([c('a', 1, 0), c('b', 1, 100)], 1, 5).size).toBe(0);
  });
});
