import { notFound } from '../_shared/errors.js';
import { type SenderDto, SenderInput } from './schema.js';
import { queryOwned, type SenderDoc, senders } from './store.js';

const toDto = (doc: SenderDoc): SenderDto => ({
  id: doc.id,
  name: doc.name,
  email: doc.email,
  replyTo: doc.replyTo ?? null,
  signature: doc.signature,
  postalAddress: doc.postalAddress,
  dailyCap: doc.dailyCap,
  hourlyCap: doc.hourlyCap,
  warmUp: doc.warmUp,
  warmUpStartedAt: doc.warmUpStartedAt,
  createdAt: doc.createdAt,
  updatedAt: doc.updatedAt,
});

export async function listSenders(ownerId: string): Promise<SenderDto[]> {
  return (await queryOwned<SenderDoc>('senders', ownerId, '', [], 'ORDER BY c.createdAt')).map(toDto);
}

export async function getSender(ownerId: string, id: string): Promise<SenderDoc> {
  const doc = await senders.find(ownerId, id);
  if (!doc) throw notFound('Sender');
  return doc;
}

export async function createSender(
  ownerId: string,
  input: SenderInput,
  id: string,
  now: Date,
): Promise<SenderDto> {
  const fields = SenderInput.parse(input);
  const at = now.toISOString();
  return toDto(
    await senders.create({
      ...fields,
      email: fields.email.toLowerCase(),
      replyTo: fields.replyTo ?? null,
      id,
      ownerId,
      warmUpStartedAt: null,
      createdAt: at,
      updatedAt: at,
    }),
  );
}

export async function updateSender(
  ownerId: string,
  id: string,
  input: SenderInput,
  now: Date,
): Promise<SenderDto> {
  const doc = await getSender(ownerId, id);
  const fields = SenderInput.parse(input);
  return toDto(
    await senders.save({
      ...doc,
      ...fields,
      email: fields.email.toLowerCase(),
      replyTo: fields.replyTo ?? null,
      updatedAt: now.toISOString(),
    }),
  );
}

export async function deleteSender(ownerId: string, id: string): Promise<void> {
  await getSender(ownerId, id);
  await senders.remove(ownerId, id);
}
