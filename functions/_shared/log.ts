import { createHash } from 'node:crypto';
import type { InvocationContext } from '@azure/functions';
import { getConfig } from './config.js';

/** What a log line may carry: numbers, flags, ids and short codes — never personal data. */
export type LogFields = Record<string, string | number | boolean | undefined>;

export interface Logger {
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

// Field names that could hold an address, a credential or content: their values are never written.
const SECRET_FIELD =
  /email|e-mail|token|secret|password|credential|key$|body$|message$|content|phone|cookie|authorization|(^|_)(first|last|full|display)?name$/i;
const EMAIL = /[^\s@"'<>]+@[^\s@"'<>]+\.[^\s@"'<>]+/g;
const BEARER = /\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]+/gi;

/** A stable pseudonym for an owner id: the same owner is traceable across lines, not identifiable. */
export function hashOwner(ownerId: string): string {
  return createHash('sha256').update(`momentum-owner:${ownerId}`).digest('hex').slice(0, 16);
}

/** Drops values of sensitive fields and masks anything in a value that looks like an email or token. */
export function scrub(fields: LogFields): LogFields {
  const out: LogFields = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    if (SECRET_FIELD.test(key)) {
      out[key] = '[redacted]';
    } else if (typeof value === 'string') {
      out[key] = value.replace(EMAIL, '[email]').replace(BEARER, '$1 [redacted]');
    } else out[key] = value;
  }
  return out;
}

/** The W3C trace id of the invocation: Application Insights' operation id. */
export function operationId(ctx: Pick<InvocationContext, 'traceContext'>): string | undefined {
  return ctx.traceContext?.traceParent?.split('-')[1];
}

/**
 * A logger for one invocation: every line carries the invocation id, the operation id and the
 * hashed owner; `LOG_FORMAT=json` writes one JSON object a line, the default a readable line.
 * Lines go through the InvocationContext so the Functions host (and Application Insights) gets them.
 */
export function createLogger(
  ctx: Pick<InvocationContext, 'invocationId' | 'traceContext' | 'log' | 'warn' | 'error'>,
  ownerId?: string,
  format: 'json' | 'text' = getConfig().LOG_FORMAT,
): Logger {
  const base: LogFields = {
    invocationId: ctx.invocationId,
    operationId: operationId(ctx),
    owner: ownerId ? hashOwner(ownerId) : undefined,
  };
  const write = (level: 'info' | 'warn' | 'error', event: string, fields: LogFields = {}) => {
    const safe = scrub(fields);
    const line =
      format === 'json'
        ? JSON.stringify({ level, event, ...scrub(base), ...safe })
        : `${event}${Object.entries({ ...safe, ...scrub(base) })
            .map(([k, v]) => ` ${k}=${v}`)
            .join('')}`;
    if (level === 'error') ctx.error(line);
    else if (level === 'warn') ctx.warn(line);
    else ctx.log(line);
  };
  return {
    info: (event, fields) => write('info', event, fields),
    warn: (event, fields) => write('warn', event, fields),
    error: (event, fields) => write('error', event, fields),
  };
}
