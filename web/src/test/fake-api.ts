import { vi } from 'vitest';
import type { ContactDto } from '../../../functions/contacts/schema';
import type { ImportDto } from '../../../functions/import/schema';
import type { ApiErrorDetail, ClientPrincipal } from '../lib/api';

/** One request the SPA made, as the API would see it. */
export interface FakeCall {
  method: string;
  path: string;
  params: URLSearchParams;
  body: unknown;
}

export const ADA_PRINCIPAL: ClientPrincipal = {
  identityProvider: 'dev',
  userId: 'user-ada',
  userDetails: 'ada@momentum.test',
  userRoles: ['anonymous', 'authenticated'],
};

export const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

export const apiError = (status: number, code: string, message: string, details?: ApiErrorDetail[]) =>
  json({ error: { code, message, ...(details ? { details } : {}) } }, status);

/**
 * Replaces fetch with the API's side of the wire: `/.auth/me` answers `me` (signed in by default),
 * everything else goes to `handle`. Returns the calls made, newest last.
 */
export function stubFetch(
  handle: (call: FakeCall) => Response | Promise<Response>,
  { me = ADA_PRINCIPAL }: { me?: ClientPrincipal | null } = {},
) {
  const calls: FakeCall[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : init?.body;
    const call = { method: init?.method ?? 'GET', path: url.pathname, params: url.searchParams, body };
    if (call.path === '/.auth/me') return json({ clientPrincipal: me });
    calls.push(call);
    return handle(call);
  });
  vi.stubGlobal('fetch', fetchMock);
  return calls;
}

export const contact = (overrides: Partial<ContactDto> & Pick<ContactDto, 'id'>): ContactDto => ({
  status: 'new',
  source: 'csv',
  flags: [],
  tags: [],
  createdAt: '2026-03-01T09:00:00.000Z',
  updatedAt: '2026-03-02T09:00:00.000Z',
  ...overrides,
});

export const importJob = (overrides: Partial<ImportDto> = {}): ImportDto => ({
  id: 'imp-1',
  fileName: 'leads.csv',
  format: 'csv',
  status: 'preview',
  headers: ['Full Name', 'E-mail', 'Company', 'Notes'],
  mapping: ['fullName', 'email', 'company', null],
  preview: [
    ['Ada Lovelace', 'ada@example.com', 'Analytical Engines', 'met at conf'],
    ['Grace Hopper', 'grace@example.com', 'Navy', ''],
    ['No Mail', '', 'Nowhere Inc', 'call later'],
  ],
  totalRows: 3,
  processedRows: 0,
  counts: { created: 0, updated: 0, unchanged: 0, rejected: 0, duplicatesInFile: 0, withoutEmail: 0 },
  rejectedSample: [],
  error: null,
  createdAt: '2026-03-01T09:00:00.000Z',
  updatedAt: '2026-03-01T09:00:00.000Z',
  completedAt: null,
  ...overrides,
});
