import { randomUUID } from 'node:crypto';
import { getContainer } from '../_shared/cosmos/client.js';
import { recordAudit } from '../audit/audit.js';

/** One write to an organizer's calendar: who caused it, what, when, and how it went. */
export interface CalendarAuditEntry {
  ownerId: string;
  at: string;
  action: 'create' | 'update' | 'delete';
  /** The provider's name (local, caldav, google…) and the connection, null for Momentum Meet's own. */
  calendar: string;
  connectionId: string | null;
  meetingId: string;
  eventId: string | null;
  by: 'contact' | 'organizer' | 'system';
  result: 'ok' | 'error';
  error: string | null;
}

export interface CalendarAuditDto extends Omit<CalendarAuditEntry, 'ownerId'> {
  id: string;
}

/** Kept a year (Cosmos `ttl`), then dropped. */
const KEEP_S = 365 * 86_400;

export async function recordCalendarWrite(entry: CalendarAuditEntry): Promise<void> {
  await (await getContainer('calendar-audit')).items.create({ id: randomUUID(), ...entry, ttl: KEEP_S });
  // Also in the general audit log, so one page filters and pages every audited action together
  // (merging two containers' pages there would need a sorted merge across continuations).
  await recordAudit({
    ownerId: entry.ownerId,
    actor: entry.by,
    action: 'calendar.write',
    target: entry.meetingId,
    outcome: entry.result,
    detail: { operation: entry.action, calendar: entry.calendar, connectionId: entry.connectionId },
    at: new Date(entry.at),
  });
}

/** The owner's latest calendar writes, newest first. */
export async function recentCalendarWrites(ownerId: string, limit = 50): Promise<CalendarAuditDto[]> {
  const { resources } = await (await getContainer('calendar-audit')).items
    .query<CalendarAuditDto & { ownerId?: string; ttl?: number }>(
      {
        query: `SELECT TOP ${Math.floor(limit)} * FROM c WHERE c.ownerId = @o ORDER BY c.at DESC`,
        parameters: [{ name: '@o', value: ownerId }],
      },
      { partitionKey: ownerId },
    )
    .fetchAll();
  return resources.map(({ ownerId: _o, ttl: _t, ...entry }) => entry as CalendarAuditDto);
}
