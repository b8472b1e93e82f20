/**
 * The daily report's "Campaign results" sheet: per campaign, what its emails did on the report's
 * day and since it began. Pure: campaigns, their messages and the meetings of their contacts in,
 * rows out. "Booked" is a contact of the campaign who booked a meeting after its first email.
 */

export interface ResultCampaign {
  id: string;
  name: string;
  status: string;
  createdAt: string;
}

export interface ResultMessage {
  campaignId: string;
  contactId: string;
  status: string;
  sentAt: string | null;
  events: { type: string; at: string }[];
}

export interface ResultMeeting {
  contactId: string;
  createdAt: string;
}

export interface CampaignCounts {
  sent: number;
  delivered: number;
  opened: number;
  clicked: number;
  replied: number;
  booked: number;
}

export interface CampaignResult {
  campaign: string;
  status: string;
  day: CampaignCounts;
  toDate: CampaignCounts;
}

// The same reading of a message's status as the campaign page's counts (campaigns/campaigns.ts).
const SENT = new Set(['sent', 'delivered', 'opened', 'clicked', 'replied', 'bounced']);
const DELIVERED = new Set(['delivered', 'opened', 'clicked', 'replied']);
const OPENED = new Set(['opened', 'clicked']);
// Event types as the send worker and the SendGrid / inbound webhooks record them; a click is an open.
const DAY_EVENTS: Record<Exclude<keyof CampaignCounts, 'sent' | 'booked'>, Set<string>> = {
  delivered: new Set(['delivered']),
  opened: new Set(['open', 'opened', 'click', 'clicked']),
  clicked: new Set(['click', 'clicked']),
  replied: new Set(['replied']),
};

const zero = (): CampaignCounts => ({ sent: 0, delivered: 0, opened: 0, clicked: 0, replied: 0, booked: 0 });

export function campaignResults(
  campaigns: ResultCampaign[],
  messages: ResultMessage[],
  meetings: ResultMeeting[],
  window: { from: string; to: string },
): CampaignResult[] {
  const inDay = (iso: string | null | undefined) => !!iso && iso >= window.from && iso < window.to;
  const byCampaign = new Map<string, ResultMessage[]>();
  for (const m of messages) byCampaign.set(m.campaignId, [...(byCampaign.get(m.campaignId) ?? []), m]);
  const meetingsOf = new Map<string, string[]>();
  for (const m of meetings)
    meetingsOf.set(m.contactId, [...(meetingsOf.get(m.contactId) ?? []), m.createdAt]);
  return [...campaigns]
    .filter((c) => c.status !== 'draft' || byCampaign.has(c.id))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
    .map((c) => {
      const day = zero();
      const toDate = zero();
      const firstSent = new Map<string, string>();
      for (const m of byCampaign.get(c.id) ?? []) {
        if (SENT.has(m.status)) toDate.sent++;
        if (DELIVERED.has(m.status)) toDate.delivered++;
        if (OPENED.has(m.status)) toDate.opened++;
        if (m.status === 'clicked') toDate.clicked++;
        if (m.status === 'replied') toDate.replied++;
        if (inDay(m.sentAt)) day.sent++;
        for (const [key, types] of Object.entries(DAY_EVENTS) as [keyof typeof DAY_EVENTS, Set<string>][])
          if (m.events.some((e) => types.has(e.type) && inDay(e.at))) day[key]++;
        const first = firstSent.get(m.contactId);
        if (m.sentAt && (!first || m.sentAt < first)) firstSent.set(m.contactId, m.sentAt);
      }
      for (const [contactId, sentAt] of firstSent) {
        const after = (meetingsOf.get(contactId) ?? []).filter((at) => at >= sentAt);
        if (after.length) toDate.booked++;
        if (after.some(inDay)) day.booked++;
      }
      return { campaign: c.name, status: c.status, day, toDate };
    });
}
