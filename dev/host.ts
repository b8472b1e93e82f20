import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { HttpResponseInit, InvocationContextInit } from '@azure/functions';
import azureFunctions from '@azure/functions';
import { listRegistrations, type Registration } from '../functions/_shared/registry.js';
import { compareRoutePrecedence, compileRoute, type RouteMatcher } from './route-template.js';

const { HttpRequest, HttpResponse, InvocationContext } = azureFunctions;

/** Imports every `functions/<capability>/function.ts` so its registrations land in the table. */
export async function loadFunctions(functionsDir: string): Promise<readonly Registration[]> {
  const folders = readdirSync(functionsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('_'))
    .map((d) => path.join(functionsDir, d.name, 'function.ts'))
    .filter((file) => existsSync(file));
  for (const file of folders) await import(pathToFileURL(file).href);
  return listRegistrations();
}

export interface InvocationLog {
  name: string;
  trigger: 'http' | 'queue' | 'timer';
  ok: boolean;
  ms: number;
  detail?: string;
}

export type Logger = (line: string) => void;

/** Builds the InvocationContext the real host would, with logs prefixed by the function name. */
export function makeContext(
  functionName: string,
  trigger: InvocationContextInit['options'],
  log: Logger,
  extra: Partial<InvocationContextInit> = {},
) {
  return new InvocationContext({
    invocationId: randomUUID(),
    functionName,
    options: trigger,
    logHandler: (level, ...args) => log(`[${functionName}] ${level}: ${args.map(String).join(' ')}`),
    ...extra,
  });
}

export interface ApiRequest {
  method: string;
  /** Absolute URL as the browser sent it. */
  url: URL;
  headers: Record<string, string>;
  body?: Uint8Array;
}

export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
}

interface HttpRoute {
  name: string;
  methods: string[];
  match: RouteMatcher;
  handler: Extract<Registration, { kind: 'http' }>['options']['handler'];
}

/** Routes `/api/*` requests to the registered HTTP functions, as the Functions host does. */
export function createHttpDispatcher(registrations: readonly Registration[], log: Logger) {
  const routes: HttpRoute[] = registrations
    .filter((r): r is Extract<Registration, { kind: 'http' }> => r.kind === 'http')
    .sort((a, b) => compareRoutePrecedence(a.options.route, b.options.route))
    .map((r) => ({
      name: r.name,
      methods: r.options.methods,
      match: compileRoute(r.options.route),
      handler: r.options.handler,
    }));

  return async function dispatch(req: ApiRequest): Promise<ApiResponse> {
    const route = req.url.pathname.replace(/^\/api/, '');
    const candidates = routes
      .map((r) => ({ r, params: r.match(route) }))
      .filter((c): c is { r: HttpRoute; params: Record<string, string> } => c.params !== null);
    const hit = candidates.find((c) => c.r.methods.includes(req.method));
    if (!hit) {
      const status = candidates.length ? 405 : 404;
      const message = status === 405 ? 'Method not allowed.' : 'No API route matches this address.';
      return jsonResponse(status, {
        error: { code: status === 405 ? 'METHOD_NOT_ALLOWED' : 'NOT_FOUND', message },
      });
    }
    const started = performance.now();
    const ctx = makeContext(hit.r.name, { trigger: { type: 'httpTrigger', name: 'req' } }, log);
    const request = new HttpRequest({
      method: req.method,
      url: req.url.href,
      headers: req.headers,
      query: Object.fromEntries(req.url.searchParams),
      params: hit.params,
      ...(req.body?.length ? { body: { bytes: req.body } } : {}),
    });
    let result: HttpResponseInit | InstanceType<typeof HttpResponse>;
    try {
      result = (await hit.r.handler(request, ctx)) ?? { status: 204 };
    } catch (err) {
      log(`[${hit.r.name}] error: ${(err as Error).stack ?? err}`);
      result = { status: 500, jsonBody: { error: { code: 'INTERNAL', message: 'The function failed.' } } };
    }
    const response = result instanceof HttpResponse ? result : new HttpResponse(result);
    const body = new Uint8Array(await response.arrayBuffer());
    const ms = performance.now() - started;
    log(
      `Executed '${hit.r.name}' ${req.method} ${req.url.pathname} → ${response.status} (${ms.toFixed(0)} ms)`,
    );
    return { status: response.status, headers: Object.fromEntries(response.headers), body };
  };
}

export function jsonResponse(status: number, body: unknown): ApiResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    body: new TextEncoder().encode(JSON.stringify(body)),
  };
}
