import { randomUUID } from 'node:crypto';
import { getContainer } from '../_shared/cosmos/client.js';
import type { AuditAction, AuditEntryDto, AuditPage, AuditQuery } from './schema.js';

export interface AuditInput {
  ownerId: string;
  /** The signed-in user's name or email; "system" for timers, "contact" for a prospect's own action. */
  actor: string;
  action: AuditAction;
  target: string;
  outcome: 'ok' | 'error';
  detail?: Record<string, unknown>;
  at?: Date;
}

interface AuditDoc extends AuditEntryDto {
  ownerId: string;
  ttl: number;
}

/** Kept a year (Cosmos `ttl`), as the calendar audit is. */
export const AUDIT_KEEP_S = 365 * 86_400;

/**
 * Keys whose values never enter the log, whatever a caller passes: secrets and message contents.
 * The log says that something was sent or connected, never what was in it.
 */
const FORBIDDEN_KEY = /secret|password|token|key|credential|auth|html|body|text|content|message|subject/i;
const MAX_STRING = 200;

/** Only flat, plain values under allowed keys, strings cut short. */
export function safeDetail(detail: Record<string, unknown> = {}): AuditEntryDto['detail'] {
  const out: AuditEntryDto['detail'] = {};
  for (const [key, value] of Object.entries(detail)) {
    if (FORBIDDEN_KEY.test(key)) continue;
    if (typeof value === 'string') out[key] = value.slice(0, MAX_STRING);
    else if (typeof value === 'number' || typeof value === 'boolean' || value === null) out[key] = value;
  }
  return out;
}

/** Records one audited action. Never throws: an action that happened is not undone by a failed log write. */
export async function recordAudit(input: AuditInput): Promise<void> {
  const doc: AuditDoc = {
    id: randomUUID(),
    ownerId: input.ownerId,
    at: (input.at ?? new Date()).toISOString(),
    actor: input.actor.slice(0, MAX_STRING),
    action: input.action,
    target: input.target.slice(0, MAX_STRING),
    outcome: input.outcome,
    detail: safeDetail(input.detail),
    ttl: AUDIT_KEEP_S,
  };
  try {
    await (await getContainer('audit')).items.create(doc);
  } catch (err) {
    console.warn(`Audit entry not written (${input.action}): ${(err as Error).message}`);
  }
}

/** The owner's audit entries, newest first, filtered by action and period, a page at a time. */
export async function listAudit(ownerId: string, q: AuditQuery): Promise<AuditPage> {
  const where = ['c.ownerId = @o'];
  const parameters = [{ name: '@o', value: ownerId as string }];
  if (q.action) {
    where.push('c.action = @action');
    parameters.push({ name: '@action', value: q.action });
  }
  if (q.from) {
    where.push('c.at >= @from');
    parameters.push({ name: '@from', value: new Date(q.from).toISOString() });
  }
  if (q.to) {
    where.push('c.at < @to');
    parameters.push({ name: '@to', value: new Date(q.to).toISOString() });
  }
  const page = await (await getContainer('audit')).items
    .query<AuditDoc>(
      { query: `SELECT * FROM c WHERE ${where.join(' AND ')} ORDER BY c.at DESC`, parameters },
      { partitionKey: ownerId, maxItemCount: q.limit, continuationToken: q.continuation },
    )
    .fetchNext();
  return {
    items: page.resources.map(({ id, at, actor, action, target, outcome, detail }) => ({
      id,
      at,
      actor,
      action,
      target,
      outcome,
      detail,
    })),
    continuation: page.continuationToken ?? null,
  };
}

/** Who the signed-in user is, as the log names them. */
export const actorOf = (user: { userDetails: string; userId: string }): string =>
  user.userDetails || user.userId;

/**
 * Runs a user's action and records it with its outcome: "ok", or "error" with the error's code
 * (never its message, which may quote input). The action's own result or error is passed on.
 */
export async function audited<T>(
  user: { userId: string; userDetails: string },
  action: AuditAction,
  target: string,
  run: () => Promise<T>,
  detail: (result: T) => Record<string, unknown> = () => ({}),
): Promise<T> {
  try {
    const result = await run();
    await recordAudit({
      ownerId: user.userId,
      actor: actorOf(user),
      action,
      target,
      outcome: 'ok',
      detail: detail(result),
    });
    return result;
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    await recordAudit({
      ownerId: user.userId,
      actor: actorOf(user),
      action,
      target,
      outcome: 'error',
      detail: { error: typeof code === 'string' ? code : 'INTERNAL' },
    });
    throw err;
  }
}
