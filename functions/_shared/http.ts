import type { HttpHandler, HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { ZodError, type z } from 'zod';
import { PRINCIPAL_HEADER, type Principal, requirePrincipal } from './auth.js';
import { AppError, type ErrorDetail } from './errors.js';

export interface ErrorBody {
  error: { code: string; message: string; details?: ErrorDetail[]; correlationId?: string };
}

/** A JSON response; API responses are never cached by browsers or proxies. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): HttpResponseInit {
  return { status, jsonBody: body, headers: { 'cache-control': 'no-store', ...headers } };
}

export function noContent(): HttpResponseInit {
  return { status: 204, headers: { 'cache-control': 'no-store' } };
}

/** Maps anything a handler throws to one response shape; unknown errors are logged, not returned. */
export function toErrorResponse(err: unknown, ctx: InvocationContext): HttpResponseInit {
  if (err instanceof AppError) {
    const body: ErrorBody = { error: { code: err.code, message: err.message } };
    if (err.details?.length) body.error.details = err.details;
    const retryAfter = err.extra?.retryAfterSeconds;
    return json(
      err.status,
      { ...err.extra, ...body },
      typeof retryAfter === 'number' ? { 'retry-after': String(retryAfter) } : {},
    );
  }
  if (err instanceof ZodError) {
    const details = err.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    const summary = details.map((d) => (d.path ? `${d.path}: ${d.message}` : d.message)).join('; ');
    return json(400, { error: { code: 'VALIDATION', message: `Invalid input — ${summary}`, details } });
  }
  const correlationId = ctx.invocationId;
  ctx.error(`Unhandled error (correlation ${correlationId}):`, err);
  const body: ErrorBody = {
    error: {
      code: 'INTERNAL',
      message:
        'Something went wrong on our side. Try again; if it keeps happening, quote the correlation id.',
      correlationId,
    },
  };
  return json(500, body);
}

export interface UserRequest {
  req: HttpRequest;
  ctx: InvocationContext;
  user: Principal;
}

/** Wraps a handler for a signed-in user: reads the principal, maps errors. */
export function withUser(handler: (r: UserRequest) => Promise<HttpResponseInit>): HttpHandler {
  return async (req, ctx) => {
    try {
      const user = requirePrincipal(req.headers.get(PRINCIPAL_HEADER));
      return await handler({ req, ctx, user });
    } catch (err) {
      return toErrorResponse(err, ctx);
    }
  };
}

/** Wraps a public handler (health, signed links, webhooks): maps errors only. */
export function withPublic(
  handler: (req: HttpRequest, ctx: InvocationContext) => Promise<HttpResponseInit>,
): HttpHandler {
  return async (req, ctx) => {
    try {
      return await handler(req, ctx);
    } catch (err) {
      return toErrorResponse(err, ctx);
    }
  };
}

/** Query string → typed input; a bad value is a 400 naming the parameter. */
export function parseQuery<S extends z.ZodType>(schema: S, req: HttpRequest): z.infer<S> {
  return schema.parse(Object.fromEntries(req.query.entries()));
}

/** JSON body → typed input; malformed JSON is a 400 too. */
export async function parseJson<S extends z.ZodType>(schema: S, req: HttpRequest): Promise<z.infer<S>> {
  let body: unknown;
  try {
    body = await req.json();
  } catch {
    throw new AppError('VALIDATION', 'The request body must be JSON.');
  }
  return schema.parse(body);
}

/** A route parameter the caller must send. */
export function param(req: HttpRequest, name: string): string {
  const value = req.params[name];
  if (!value) throw new AppError('VALIDATION', `Missing path parameter "${name}".`);
  return value;
}
