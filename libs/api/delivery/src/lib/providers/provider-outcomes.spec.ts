import { senderDomain, textPart } from './smtp/email-parts.util';
import { smtpOutcome } from './smtp/smtp-outcome.util';
import { twilioOutcome, twilioReceiptType } from './twilio/twilio-outcome.util';

describe('SMTP outcomes', () => {
  it('fails a 5xx reply for good, retries 4xx, lost connections and refused credentials', () => {
    expect(smtpOutcome({ responseCode: 550, permanent: true })).toEqual({
      status: 'rejected',
      kind: 'permanent',
      reason: 'smtp_550',
    });
    expect(smtpOutcome({ responseCode: 552 })).toEqual({ status: 'rejected', kind: 'permanent', reason: 'smtp_552' });
    expect(smtpOutcome({ responseCode: 503, permanent: false })).toEqual({ status: 'retry', reason: 'smtp_503' });
    expect(smtpOutcome({ responseCode: 451, permanent: false })).toEqual({ status: 'retry', reason: 'smtp_451' });
    expect(smtpOutcome({ code: 'ECONNECTION' })).toEqual({ status: 'retry', reason: 'smtp_econnection' });
    expect(smtpOutcome({ code: 'EAUTH', responseCode: 535, permanent: true })).toEqual({
      status: 'retry',
      reason: 'smtp_auth_535',
    });
  });
});

describe('Twilio outcomes', () => {
  it('maps an opted-out recipient to consent, invalid numbers to permanent, throttling and outages to retry', () => {
    expect(twilioOutcome({ status: 400, code: 21610 })).toEqual({
      status: 'rejected',
      kind: 'consent',
      reason: 'unsubscribed',
    });
    expect(twilioOutcome({ status: 400, code: 21211 })).toEqual({
      status: 'rejected',
      kind: 'permanent',
      reason: 'twilio_21211',
    });
    expect(twilioOutcome({ status: 400, code: 21614 })).toMatchObject({ kind: 'permanent' });
    expect(twilioOutcome({ status: 429, code: 20429 })).toEqual({ status: 'retry', reason: 'twilio_20429' });
    expect(twilioOutcome({ status: 503 })).toEqual({ status: 'retry', reason: 'twilio_503' });
    expect(twilioOutcome({ status: 401, code: 20003 })).toMatchObject({ status: 'retry' });
    expect(twilioOutcome({})).toEqual({ status: 'retry', reason: 'twilio_unreachable' });
    expect(twilioOutcome({ status: 400, code: 21602 })).toEqual({
      status: 'rejected',
      kind: 'permanent',
      reason: 'twilio_21602',
    });
  });

  it('turns final statuses into receipts and ignores the ones on the way', () => {
    expect(twilioReceiptType('delivered')).toBe('delivered');
    expect(twilioReceiptType('undelivered')).toBe('failed');
    expect(twilioReceiptType('failed')).toBe('failed');
    for (const s of ['queued', 'sending', 'sent', undefined]) expect(twilioReceiptType(s)).toBeNull();
  });
});

describe('email parts', () => {
  it('makes a text part with links kept and images dropped', () => {
    const text = textPart(
      '<p>Hi &amp; welcome</p><p><a href="https://x.example/r/abc">See the sale</a></p><img src="https://x.example/o/1.gif" alt="">',
    );
    expect(text).toContain('Hi & welcome');
    expect(text).toContain('See the sale [https://x.example/r/abc]');
    expect(text).not.toContain('o/1.gif');
    expect(text).not.toContain('<');
  });

  it('takes the Message-ID domain from the sender', () => {
    expect(senderDomain('"Shop" <News@Shop.Example>')).toBe('shop.example');
    expect(senderDomain('news@shop.example')).toBe('shop.example');
    expect(senderDomain('')).toBe('localhost');
  });
});
