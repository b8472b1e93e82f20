import azureFunctions from '@azure/functions';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { encodePrincipal } from './auth.js';
import { AppError } from './errors.js';
import { parseQuery, toErrorResponse, withUser } from './http.js';

const { HttpRequest, InvocationContext } = azureFunctions;

const ctx = () => new InvocationContext({ invocationId: 'inv-1', logHandler: () => {} });
const principal = encodePrincipal({
  identityProvider: 'github',
  userId: 'u1',
  userDetails: 'sam',
  userRoles: ['authenticated'],
});

describe('toErrorResponse', () => {
  it('maps an AppError to its status and the error body', () => {
    const res = toErrorResponse(
      new AppError('SLOT_TAKEN', 'That time was just booked — pick another.'),
      ctx(),
    );
    expect(res.status).toBe(409);
    expect(res.jsonBody).toEqual({
      error: { code: 'SLOT_TAKEN', message: 'That time was just booked — pick another.' },
    });
  });

  it('maps a validation error to 400 naming each field', () => {
    const result = z
      .object({ limit: z.number().max(200), status: z.enum(['new']) })
      .safeParse({ limit: 500, status: 'x' });
    const res = toErrorResponse(result.error, ctx());
    expect(res.status).toBe(400);
    const body = res.jsonBody as { error: { code: string; details: { path: string }[] } };
    expect(body.error.code).toBe('VALIDATION');
    expect(body.error.details.map((d) => d.path)).toEqual(['limit', 'status']);
  });

  it('hides unexpected errors behind a correlation id and logs them', () => {
    const log = vi.fn();
    const context = new InvocationContext({ invocationId: 'abc-123', logHandler: log });
    const res = toErrorResponse(new Error('socket hang up at 10.0.0.4 key=secret'), context);
    expect(res.status).toBe(500);
    expect(JSON.stringify(res.jsonBody)).not.toContain('secret');
    expect(res.jsonBody).toMatchObject({ error: { code: 'INTERNAL', correlationId: 'abc-123' } });
    expect(log).toHaveBeenCalled();
  });
});

describe('withUser', () => {
  const handler = withUser(async ({ user }) => ({ status: 200, jsonBody: { owner: user.userId } }));

  it('passes the principal from x-ms-client-principal to the handler', async () => {
    const req = new HttpRequest({
      method: 'GET',
      url: 'http://x/api/t',
      headers: { 'x-ms-client-principal': principal },
    });
    const res = await handler(req, ctx());
    expect(res).toMatchObject({ status: 200, jsonBody: { owner: 'u1' } });
  });

  it('answers 401 without a principal', async () => {
    const res = await handler(new HttpRequest({ method: 'GET', url: 'http://x/api/t' }), ctx());
    expect(res).toMatchObject({ status: 401 });
  });
});

describe('parseQuery', () => {
  it('coerces and validates query parameters', () => {
    const req = new HttpRequest({ method: 'GET', url: 'http://x/api/t?limit=20' });
    expect(parseQuery(z.object({ limit: z.coerce.number() }), req)).toEqual({ limit: 20 });
  });
});
