import type { OutgoingEmail, SendResult } from '../_integrations/email/email-provider.js';
import { AppError, notFound } from '../_shared/errors.js';
import type { ContactStore } from '../contacts/contact-store.js';
import { handWrittenText, type TemplateDoc, toTemplateDto } from './model.js';
import { compileTemplate } from './render.js';
import type { TemplateDto, TemplateInput, VariableDto } from './schema.js';
import { STARTERS, starterId } from './starters.js';
import type { TemplateStore } from './template-store.js';
import { type SenderDetails, toVariableDto, variables } from './variables.js';

/** What the template use cases need; deps.ts passes the real ones, tests fakes. */
export interface TemplatesDeps {
  store: TemplateStore;
  now(): Date;
  newId(): string;
  /** Previews and test sends read the owner's contacts. */
  contacts: Pick<ContactStore, 'read' | 'readMany' | 'pages'>;
  /** The owner's sender (name, address, signature), once they have saved one. */
  senderOf(ownerId: string): Promise<SenderDetails | undefined>;
  send(email: OutgoingEmail): Promise<SendResult>;
  /** What other capabilities' variables need for one real contact ({{bookingLink}}: the booking extras). */
  extrasFor?(ownerId: string, contactId: string): Record<string, unknown>;
}

type Store = Pick<TemplatesDeps, 'store' | 'now'>;

/**
 * The owner's templates, newest first. A user's first visit finds three starters; they are
 * given once, so a user who deletes them all is not handed them again.
 */
export async function listTemplates(ownerId: string, deps: Store): Promise<TemplateDto[]> {
  let docs = await deps.store.list(ownerId);
  if (!docs.length && !(await deps.store.startersGiven(ownerId))) {
    docs = await giveStarters(ownerId, deps);
  }
  return docs.sort(newestFirst).map(toTemplateDto);
}

async function giveStarters(ownerId: string, deps: Store): Promise<TemplateDoc[]> {
  const now = deps.now().getTime();
  for (const [i, { key, template }] of STARTERS.entries()) {
    // A millisecond apart, so newest first lists them in the order written.
    const at = new Date(now - i).toISOString();
    const doc = newDoc(ownerId, starterId(key), template, at);
    await deps.store.create({ ...doc, starter: key });
  }
  await deps.store.markStartersGiven(ownerId, deps.now());
  return deps.store.list(ownerId);
}

const newestFirst = (a: TemplateDoc, b: TemplateDoc) =>
  b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id);

function newDoc(ownerId: string, id: string, input: TemplateInput, at: string): TemplateDoc {
  return { id, ownerId, ...contentOf(input), createdAt: at, updatedAt: at };
}

/** Checks the template (400 naming part, line and column) and what is stored of it. */
function contentOf(input: TemplateInput) {
  const text = handWrittenText(input);
  const { variables: used } = compileTemplate({ ...input, text });
  return { name: input.name, subject: input.subject, html: input.html, text, variables: used };
}

export async function getTemplate(ownerId: string, id: string, deps: Pick<TemplatesDeps, 'store'>) {
  const doc = await deps.store.read(ownerId, id);
  if (!doc) throw notFound('Template');
  return toTemplateDto(doc);
}

export async function createTemplate(
  ownerId: string,
  input: TemplateInput,
  deps: Pick<TemplatesDeps, 'store' | 'now' | 'newId'>,
): Promise<TemplateDto> {
  const doc = newDoc(ownerId, deps.newId(), input, deps.now().toISOString());
  const created = await deps.store.create(doc);
  if (created === 'exists') throw new AppError('CONFLICT', 'That template was just saved — reload the list.');
  return toTemplateDto(created);
}

const MAX_ATTEMPTS = 3;

/** Replaces name, subject and bodies; a save racing another is re-applied on the fresh copy. */
export async function updateTemplate(
  ownerId: string,
  id: string,
  input: TemplateInput,
  deps: Store,
): Promise<TemplateDto> {
  const content = contentOf(input);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const doc = await deps.store.read(ownerId, id);
    if (!doc) throw notFound('Template');
    const saved = await deps.store.replace({ ...doc, ...content, updatedAt: deps.now().toISOString() });
    if (saved === 'gone') throw notFound('Template');
    if (saved !== 'changed') return toTemplateDto(saved);
  }
  throw new AppError('CONFLICT', 'This template is being changed elsewhere — reload it and try again.');
}

export async function deleteTemplate(ownerId: string, id: string, deps: Pick<TemplatesDeps, 'store'>) {
  if (!(await deps.store.delete(ownerId, id))) throw notFound('Template');
}

/** What the editor offers to insert, including variables other capabilities registered. */
export function listVariables(): VariableDto[] {
  return variables.list().map(toVariableDto);
}
