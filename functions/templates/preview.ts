import { AppError, notFound } from '../_shared/errors.js';
import type { ContactFields } from '../contacts/schema.js';
import { type CompiledTemplate, compileTemplate } from './render.js';
import type { PreviewDto, PreviewRequest, TestSendDto, TestSendRequest } from './schema.js';
import type { TemplatesDeps } from './templates.js';
import { type RenderContext, SAMPLE_CONTACT, type SenderDetails } from './variables.js';

/** The signed-in user as previews need them: whose data, and their sign-in address. */
export interface TemplateUser {
  userId: string;
  /** The email for most providers; a user name for some (GitHub). */
  userDetails: string;
}

const AUDIENCE_PAGE = 500;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Renders a saved template or the draft on screen for one contact (the sample contact when none
 * is chosen), and counts, per variable it uses, the recipients who have no value for it. With no
 * audience the count is over the previewed contact alone.
 */
export async function previewTemplate(
  user: TemplateUser,
  req: PreviewRequest,
  deps: TemplatesDeps,
): Promise<PreviewDto> {
  const template = await templateOf(user.userId, req, deps);
  const ctx = await contextFor(user, req.contactId, deps);
  const { subject, html, text, missing } = await template.render(ctx);
  if (!req.audience) {
    return {
      subject,
      html,
      text,
      missing: countsOf(template, missing.length ? [missing] : []),
      audienceSize: 1,
    };
  }
  const gaps: string[][] = [];
  let audienceSize = 0;
  for await (const page of audienceOf(user.userId, req.audience, deps)) {
    for (const contact of page) {
      audienceSize++;
      const values = await template.values({ ...ctx, contact });
      gaps.push(template.variables.filter((name) => !(name in values)));
    }
  }
  return { subject, html, text, missing: countsOf(template, gaps), audienceSize };
}

function countsOf(template: CompiledTemplate, gaps: string[][]): Record<string, number> {
  const counts = Object.fromEntries(template.variables.map((name) => [name, 0]));
  for (const names of gaps) for (const name of names) counts[name]! += 1;
  return counts;
}

async function templateOf(ownerId: string, req: PreviewRequest, deps: TemplatesDeps) {
  if (req.draft && req.templateId) {
    throw new AppError('VALIDATION', 'Preview either a saved template or a draft, not both.', [
      { path: 'templateId', message: 'leave out templateId when sending a draft' },
    ]);
  }
  if (req.draft) return compileTemplate(req.draft);
  if (!req.templateId) {
    throw new AppError('VALIDATION', 'Choose a template to preview.', [
      { path: 'templateId', message: 'give templateId or draft' },
    ]);
  }
  const doc = await deps.store.read(ownerId, req.templateId);
  if (!doc) throw notFound('Template');
  return compileTemplate(doc);
}

async function* audienceOf(
  ownerId: string,
  audience: NonNullable<PreviewRequest['audience']>,
  deps: TemplatesDeps,
): AsyncIterable<ContactFields[]> {
  if ('ids' in audience) {
    // readMany answers only the owner's contacts, so another owner's id simply is not counted.
    yield await deps.contacts.readMany(ownerId, [...new Set(audience.ids)]);
    return;
  }
  yield* deps.contacts.pages(ownerId, audience.filter, { sort: 'createdAt', dir: 'asc' }, AUDIENCE_PAGE);
}

async function contextFor(
  user: TemplateUser,
  contactId: string | undefined,
  deps: TemplatesDeps,
): Promise<RenderContext> {
  let contact: ContactFields = SAMPLE_CONTACT;
  if (contactId) {
    const found = await deps.contacts.read(user.userId, contactId);
    if (!found) throw notFound('Contact');
    contact = found;
  }
  const sender = (await deps.senderOf(user.userId)) ?? senderFromSignIn(user);
  const extras = contactId && deps.extrasFor ? deps.extrasFor(user.userId, contactId) : {};
  return { contact, sender, extras };
}

/** Until a sender is saved, emails come from the signed-in user: "ada.lovelace@…" is Ada Lovelace. */
export function senderFromSignIn(user: TemplateUser): SenderDetails {
  const details = user.userDetails.trim();
  if (!EMAIL.test(details)) return { name: details, email: '' };
  const local = details.split('@')[0]!.split('+')[0]!;
  const name = local
    .split(/[._-]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join(' ');
  return { name, email: details };
}

/**
 * Sends the template, rendered for a contact (or the sample), to the signed-in user's own
 * address. 503 when the email service asks to wait, 422 when it refuses the message.
 */
export async function sendTestEmail(
  user: TemplateUser,
  templateId: string,
  req: TestSendRequest,
  deps: TemplatesDeps,
): Promise<TestSendDto> {
  const doc = await deps.store.read(user.userId, templateId);
  if (!doc) throw notFound('Template');
  const ctx = await contextFor(user, req.contactId, deps);
  const to = user.userDetails.trim();
  if (!EMAIL.test(to)) {
    throw new AppError(
      'UNPROCESSABLE',
      'Your sign-in has no email address to send a test to — sign in with email.',
    );
  }
  const rendered = await compileTemplate(doc).render(ctx);
  const result = await deps.send({
    id: deps.newId(),
    ownerId: user.userId,
    from: { email: ctx.sender.email || to, name: ctx.sender.name },
    to: { email: to },
    subject: `[Test] ${rendered.subject}`,
    html: rendered.html,
    text: rendered.text,
    headers: {},
    categories: ['template-test'],
  });
  if (result.status === 'sent') return { sentTo: to, status: 'sent' };
  if (result.status === 'retry') {
    const wait = result.retryAfterSeconds ? ` in ${result.retryAfterSeconds} seconds` : ' in a minute';
    throw new AppError('UNAVAILABLE', `The email service is busy (${result.reason}) — try again${wait}.`);
  }
  throw new AppError('UNPROCESSABLE', `The email service refused the test email: ${result.reason}`);
}
