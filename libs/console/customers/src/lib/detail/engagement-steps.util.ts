import type { CustomerEngagementItemDto } from '@mini-crm/contracts';

export interface EngagementStep {
  key: 'delivered' | 'opened' | 'clicked' | 'converted';
  label: string;
  icon: string;
  /** When it happened; null when it did not (yet). */
  at: string | null;
}

/** Delivered → opened (email) → clicked → converted, for one campaign as it reached one customer. */
export function engagementSteps(item: CustomerEngagementItemDto): EngagementStep[] {
  const steps: EngagementStep[] = [
    { key: 'delivered', label: 'Delivered', icon: 'mark_email_read', at: item.deliveredAt },
  ];
  if (item.channel === 'email') steps.push({ key: 'opened', label: 'Opened', icon: 'drafts', at: item.openedAt });
  steps.push({ key: 'clicked', label: 'Clicked', icon: 'ads_click', at: item.clickedAt });
  steps.push({ key: 'converted', label: 'Converted', icon: 'shopping_cart_checkout', at: item.convertedAt });
  return steps;
}

/** How far the customer went: the last step that happened, or the message status when nothing did. */
export function engagementSummary(item: CustomerEngagementItemDto): string {
  const done = engagementSteps(item).filter((s) => s.at);
  if (done.length) return done[done.length - 1].label;
  return item.messageStatus === 'failed' ? 'Failed' : item.messageStatus === 'queued' ? 'Queued' : 'Sent';
}
