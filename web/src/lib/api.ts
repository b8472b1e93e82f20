import type {
  ContactDto,
  ContactPage,
  ContactPatch,
  ContactSource,
  ContactStatus,
} from '../../../functions/contacts/schema';
import type { ColumnMapping, ImportDto } from '../../../functions/import/schema';

/** One detail of an API error: which field or row, and what is wrong with it. */
export interface ApiErrorDetail {
  path?: string;
  row?: number;
  message: string;
}

/** Every failed call throws this, carrying the API's `{ error: { code, message, details } }`. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ApiErrorDetail[] = [],
  ) {
    super(message);
  }
}

export const isUnauthorized = (error: unknown): boolean => error instanceof ApiError && error.status === 401;

// Used when a response carries no error body of ours (a proxy page, a crash): say what to do next.
const FALLBACK_MESSAGES: Record<number, string> = {
  401: 'Your session has ended. Please sign in again.',
  403: 'You do not have access to this.',
  404: 'That was not found. It may have been deleted.',
  413: 'That file is too large to upload.',
  415: 'That type of file is not supported. Use a .csv, .xlsx or .xls file.',
  429: 'Too many requests. Wait a moment and try again.',
};

async function toApiError(response: Response): Promise<ApiError> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)
    ?.error;
  if (error && typeof error.message === 'string') {
    const details = Array.isArray(error.details) ? (error.details as ApiErrorDetail[]) : [];
    return new ApiError(
      response.status,
      String(error.code ?? `HTTP_${response.status}`),
      error.message,
      details,
    );
  }
  const message =
    FALLBACK_MESSAGES[response.status] ?? 'Something went wrong on our side. Please try again in a moment.';
  return new ApiError(response.status, `HTTP_${response.status}`, message);
}

async function request<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  headers.set('Accept', 'application/json');
  if (typeof init.body === 'string') headers.set('Content-Type', 'application/json');
  let response: Response;
  try {
    response = await fetch(path, { ...init, headers, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK', 'Could not reach the server. Check your connection and try again.');
  }
  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export interface ClientPrincipal {
  identityProvider: string;
  userId: string;
  userDetails: string;
  userRoles: string[];
}

export interface ContactFilter {
  search?: string;
  tag?: string;
  source?: ContactSource;
  status?: ContactStatus;
}

export interface ContactListParams extends ContactFilter {
  continuationToken?: string;
  limit?: number;
}

export const PAGE_SIZE = 50;

function contactListPath(params: ContactListParams): string {
  const query = new URLSearchParams();
  for (const key of ['search', 'tag', 'source', 'status', 'continuationToken'] as const) {
    const value = params[key];
    if (value) query.set(key, value);
  }
  query.set('limit', String(params.limit ?? PAGE_SIZE));
  return `/api/contacts?${query}`;
}

const id = (value: string) => encodeURIComponent(value);

export const api = {
  auth: {
    me: () => request<{ clientPrincipal: ClientPrincipal | null }>('/.auth/me'),
  },
  contacts: {
    list: (params: ContactListParams) => request<ContactPage>(contactListPath(params)),
    get: (contactId: string) => request<ContactDto>(`/api/contacts/${id(contactId)}`),
    update: (contactId: string, patch: ContactPatch) =>
      request<ContactDto>(`/api/contacts/${id(contactId)}`, { method: 'PATCH', body: JSON.stringify(patch) }),
    remove: (contactId: string) => request<void>(`/api/contacts/${id(contactId)}`, { method: 'DELETE' }),
  },
  imports: {
    list: () => request<{ items: ImportDto[] }>('/api/imports'),
    get: (importId: string) => request<ImportDto>(`/api/imports/${id(importId)}`),
    upload: (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return request<ImportDto>('/api/imports', { method: 'POST', body: form });
    },
    commit: (importId: string, mapping: ColumnMapping) =>
      request<ImportDto>(`/api/imports/${id(importId)}/commit`, {
        method: 'POST',
        body: JSON.stringify({ mapping }),
      }),
    rejectedCsvUrl: (importId: string) => `/api/imports/${id(importId)}/rejected`,
  },
};
