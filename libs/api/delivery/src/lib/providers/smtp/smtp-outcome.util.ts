import type { SendOutcome } from '../channel-provider';

interface SmtpError {
  code?: string;
  responseCode?: number;
  permanent?: boolean;
}

/**
 * A 5xx reply refuses this message for good; a 4xx reply, a lost connection or a timeout may pass
 * later. Refused credentials (535) are a setting to fix, not a fault of the message: they retry, so
 * fixing SMTP_URL lets the campaign finish instead of failing every message.
 */
export function smtpOutcome(err: SmtpError): SendOutcome {
  const code = err.responseCode;
  if (err.code === 'EAUTH') return { status: 'retry', reason: `smtp_auth${code ? `_${code}` : ''}` };
  if (code && (err.permanent ?? code >= 500)) return { status: 'rejected', kind: 'permanent', reason: `smtp_${code}` };
  if (code) return { status: 'retry', reason: `smtp_${code}` };
  return { status: 'retry', reason: `smtp_${(err.code ?? 'error').toLowerCase()}` };
}
