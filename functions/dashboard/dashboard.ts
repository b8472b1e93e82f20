import { DateTime } from 'luxon';
import { summarize } from './aggregate.js';
import { ALL_CAMPAIGNS, type CounterDoc } from './counters.js';
import type { DashboardDto, DashboardQuery } from './schema.js';

export interface DashboardDeps {
  now(): Date;
  zoneOf(ownerId: string): Promise<string>;
  counters(ownerId: string, campaignId: string, from: string, to: string): Promise<CounterDoc[]>;
  templateNames(ownerId: string, ids: string[]): Promise<Map<string, string>>;
}

/** Days in the default period (today and the 29 before it). */
export const DEFAULT_DAYS = 30;

/**
 * The owner's dashboard over local days [from, to] (the last 30 when not given), for one campaign
 * or all: read from the daily counters — at most one document per day — never from messages.
 */
export async function readDashboard(
  ownerId: string,
  query: DashboardQuery,
  deps: DashboardDeps,
): Promise<DashboardDto> {
  const timeZone = await deps.zoneOf(ownerId);
  const today = DateTime.fromJSDate(deps.now(), { zone: timeZone });
  const to = query.to ?? today.toISODate()!;
  const from = query.from ?? today.minus({ days: DEFAULT_DAYS - 1 }).toISODate()!;
  const campaignId = query.campaign ?? null;
  const docs = await deps.counters(ownerId, campaignId ?? ALL_CAMPAIGNS, from, to);
  const templateIds = new Set<string>();
  for (const doc of docs)
    for (const key of Object.keys(doc.templates ?? {})) templateIds.add(key.slice(0, key.lastIndexOf(':')));
  const names = await deps.templateNames(ownerId, [...templateIds]);
  return summarize(docs, { from, to, timeZone, campaignId }, names);
}
