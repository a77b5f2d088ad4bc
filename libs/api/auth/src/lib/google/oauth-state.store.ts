import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type Redis from 'ioredis';
import { APP_CONFIG, AppConfig, Clock, REDIS } from '@mini-crm/api/core';
import { browserCookie, BrowserCookieOptions, clearedBrowserCookie, readBrowserNonce } from './oauth-browser-cookie';

/** How long a started sign-in may take at Google before its state is refused. */
export const OAUTH_STATE_TTL_MS = 10 * 60_000;

/** Why a callback was refused; the console's sign-in page shows a sentence for each. */
export type OAuthStateRefusal = 'google_state_unknown' | 'google_state_expired' | 'google_state_browser';

type Req = { headers: Record<string, unknown>; oauthNonce?: string | null };
type Reply = { header(name: string, value: string): unknown };
type StoreCallback = (err: Error | null, state?: string) => void;
type VerifyCallback = (err: Error | null, ok: string | false, info?: { message: OAuthStateRefusal }) => void;

interface StoredState {
  nonceHash: string;
  verifier: string;
  expiresAt: number;
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const key = (state: string) => `oauth-state:${sha256(state)}`;

/**
 * passport-oauth2's state store (with PKCE): the `state` sent to Google is a random single-use key
 * in Redis (deleted on first use, expiring) holding the PKCE code_verifier and the hash of a nonce
 * that only the starting browser holds, in a signed HttpOnly cookie scoped to the callback. A
 * callback is accepted once, in time, and only in that browser.
 */
@Injectable()
export class OAuthStateStore {
  private readonly cookie: BrowserCookieOptions;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly clock: Clock,
  ) {
    const callback = new URL(config.auth.google.callbackUrl);
    this.cookie = { secret: config.auth.jwtSecret, path: callback.pathname, secure: callback.protocol === 'https:' };
  }

  /** Start of the flow: a fresh nonce for this browser, in the cookie and on the request for `store`. */
  bindBrowser(req: Req, reply: Reply): void {
    const nonce = randomBytes(32).toString('base64url');
    const now = this.clock.now().getTime();
    reply.header('set-cookie', browserCookie(this.cookie, nonce, now + OAUTH_STATE_TTL_MS, now));
    req.oauthNonce = nonce;
  }

  /** Callback: the nonce this browser holds (null without a valid cookie); the cookie is spent. */
  readBrowser(req: Req, reply: Reply): void {
    req.oauthNonce = readBrowserNonce(this.cookie, req.headers['cookie'], this.clock.now().getTime());
    reply.header('set-cookie', clearedBrowserCookie(this.cookie));
  }

  // passport reads the arity: (req, verifier, state, meta, cb) turns PKCE on.
  store(req: Req, verifier: string, _state: unknown, _meta: unknown, cb: StoreCallback): void {
    const nonce = req.oauthNonce;
    if (!nonce) return cb(new Error('OAuth start without a browser nonce'));
    const state = randomBytes(32).toString('base64url');
    const value: StoredState = {
      nonceHash: sha256(nonce),
      verifier,
      expiresAt: this.clock.now().getTime() + OAUTH_STATE_TTL_MS,
    };
    this.redis.set(key(state), JSON.stringify(value), 'PX', OAUTH_STATE_TTL_MS).then(() => cb(null, state), cb);
  }

  verify(req: Req, state: unknown, _meta: unknown, cb: VerifyCallback): void {
    this.check(req, state).then(
      (result) => ('refusal' in result ? cb(null, false, { message: result.refusal }) : cb(null, result.verifier)),
      (e: Error) => cb(e, false),
    );
  }

  /** The PKCE verifier of a valid state, or why it is refused. Any lookup spends the state. */
  private async check(req: Req, state: unknown): Promise<{ verifier: string } | { refusal: OAuthStateRefusal }> {
    if (typeof state !== 'string' || state.length < 20 || state.length > 100)
      return { refusal: 'google_state_unknown' };
    const raw = await this.redis.getdel(key(state));
    if (!raw) return { refusal: 'google_state_unknown' };
    const stored = JSON.parse(raw) as StoredState;
    if (stored.expiresAt <= this.clock.now().getTime()) return { refusal: 'google_state_expired' };
    const nonce = req.oauthNonce;
    const given = Buffer.from(sha256(nonce ?? ''));
    const expected = Buffer.from(stored.nonceHash);
    if (!nonce || !timingSafeEqual(given, expected)) return { refusal: 'google_state_browser' };
    return { verifier: stored.verifier };
  }
}
