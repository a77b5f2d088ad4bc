import { AUDIT_ACTIONS } from '@mini-crm/contracts';
import { AUDIT_ACTION_LABELS, auditActionLabel } from './audit-action-labels';

describe('audit action labels', () => {
  it('says every action the API records in plain words, each its own', () => {
    const missing = AUDIT_ACTIONS.filter((a) => !AUDIT_ACTION_LABELS[a]?.trim() || auditActionLabel(a) === a);
    expect(missing).toEqual([]);
    const labels = AUDIT_ACTIONS.map(auditActionLabel);
    expect(new Set(labels).size).toBe(labels.length);
    // No label for an action the API no longer records.
    expect(Object.keys(AUDIT_ACTION_LABELS).filter((a) => !(AUDIT_ACTIONS as readonly string[]).includes(a))).toEqual(
      [],
    );
  });

  it('names the newer campaign actions', () => {
    expect(auditActionLabel('campaign.duplicated')).toBe('Duplicated a campaign');
    expect(auditActionLabel('campaign.retry_created')).toBe('Created a retry of failed messages');
    expect(auditActionLabel('campaign.winner_sent')).toBe('Sent an experiment’s winner');
    expect(auditActionLabel('campaign.auto_paused')).toBe('Campaign paused itself (too many failures)');
    expect(auditActionLabel('campaign.recipients_exported')).toBe('Exported a campaign’s recipients');
  });

  it('shows an action it does not know by its name', () => {
    expect(auditActionLabel('something.new')).toBe('something.new');
  });
});
