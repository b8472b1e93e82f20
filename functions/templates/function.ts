import type { HttpRequest } from '@azure/functions';
import { AppError } from '../_shared/errors.js';
import { json, noContent, param, parseJson, withUser } from '../_shared/http.js';
import { registerHttp } from '../_shared/registry.js';
import { templatesDeps } from './deps.js';
import { previewTemplate, sendTestEmail } from './preview.js';
import { PreviewRequest, TemplateInput, TestSendRequest } from './schema.js';
import {
  createTemplate,
  deleteTemplate,
  getTemplate,
  listTemplates,
  listVariables,
  updateTemplate,
} from './templates.js';

registerHttp('templates', {
  route: 'templates',
  methods: ['GET', 'POST'],
  handler: withUser(async ({ req, user }) => {
    if (req.method === 'POST') {
      return json(
        201,
        await createTemplate(user.userId, await parseJson(TemplateInput, req), templatesDeps()),
      );
    }
    return json(200, { items: await listTemplates(user.userId, templatesDeps()) });
  }),
});

/** What a template can write between braces, for the editor's insert menu. */
registerHttp('templates-variables', {
  route: 'templates/variables',
  methods: ['GET'],
  handler: withUser(async () => json(200, { items: listVariables() })),
});

registerHttp('templates-preview', {
  route: 'templates/preview',
  methods: ['POST'],
  handler: withUser(async ({ req, user }) =>
    json(200, await previewTemplate(user, await parseJson(PreviewRequest, req), templatesDeps())),
  ),
});

registerHttp('templates-item', {
  route: 'templates/{id}',
  methods: ['GET', 'PUT', 'DELETE'],
  handler: withUser(async ({ req, user }) => {
    const id = param(req, 'id');
    if (req.method === 'GET') return json(200, await getTemplate(user.userId, id, templatesDeps()));
    if (req.method === 'DELETE') {
      await deleteTemplate(user.userId, id, templatesDeps());
      return noContent();
    }
    const input = await parseJson(TemplateInput, req);
    return json(200, await updateTemplate(user.userId, id, input, templatesDeps()));
  }),
});

/** Sends the template to the signed-in user's own address. */
registerHttp('templates-test', {
  route: 'templates/{id}/test',
  methods: ['POST'],
  handler: withUser(async ({ req, user }) => {
    const body = TestSendRequest.parse(await optionalJson(req));
    return json(200, await sendTestEmail(user, param(req, 'id'), body, templatesDeps()));
  }),
});

/** A body the caller may leave out: none is `{}`. */
async function optionalJson(req: HttpRequest): Promise<unknown> {
  const text = await req.text();
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('VALIDATION', 'The request body must be JSON.');
  }
}
