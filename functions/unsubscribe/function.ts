import type { HttpResponseInit } from '@azure/functions';
import { AppError } from '../_shared/errors.js';
import { param, withPublic } from '../_shared/http.js';
import { registerHttp } from '../_shared/registry.js';
import { cosmosSuppressionStore } from '../suppressions/cosmos-suppression-store.js';
import { brokenPage, confirmPage, donePage } from './page.js';
import { readUnsubscribeToken, unsubscribe } from './unsubscribe.js';

const html = (status: number, body: string): HttpResponseInit => ({
  status,
  body,
  headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
});

/**
 * The unsubscribe link of every outreach email, by signed token, no sign-in. A GET only shows
 * the question (mail scanners open every link); the button, and a mail client's RFC 8058
 * one-click POST, unsubscribe — idempotently.
 */
registerHttp('unsubscribe', {
  route: 'unsubscribe/{token}',
  methods: ['GET', 'POST'],
  access: 'signed-token',
  handler: withPublic(async (req) => {
    const token = param(req, 'token');
    try {
      if (req.method === 'GET') {
        const claim = readUnsubscribeToken(token, new Date());
        return html(200, confirmPage(claim.e, new URL(req.url).pathname));
      }
      const claim = await unsubscribe(token, cosmosSuppressionStore, new Date());
      return html(200, donePage(claim.e));
    } catch (err) {
      if (err instanceof AppError && (err.code === 'UNAUTHENTICATED' || err.code === 'EXPIRED')) {
        return html(err.status, brokenPage(err.code === 'EXPIRED'));
      }
      throw err;
    }
  }),
});
