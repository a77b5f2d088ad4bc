type ConsentColumns = { emailStatus: string; smsStatus: string };

/** The per-channel statuses an edit changed, as an audit diff (empty when consent is untouched). */
export function consentChanges(
  before: ConsentColumns,
  after: ConsentColumns,
): Record<string, { from: string; to: string }> {
  const diff: Record<string, { from: string; to: string }> = {};
  if (after.emailStatus !== before.emailStatus)
    diff['emailStatus'] = { from: before.emailStatus, to: after.emailStatus };
  if (after.smsStatus !== before.smsStatus) diff['smsStatus'] = { from: before.smsStatus, to: after.smsStatus };
  return diff;
}
