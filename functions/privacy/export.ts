import { strToU8, Zip, ZipDeflate, zipSync } from 'fflate';
import { getContainer } from '../_shared/cosmos/client.js';
import { CONTAINERS } from '../_shared/cosmos/containers.js';
import { notFound } from '../_shared/errors.js';
import { meetingIcs } from '../booking/ics.js';
import type { MeetingDoc } from '../booking/model.js';
import { createCosmosContactStore } from '../contacts/cosmos-contact-store.js';
import { cosmosTrashStore } from '../contacts/trash-store.js';
import { consentDocId } from '../notifications/preferences.js';
import { channelSuppressionId, suppressionId } from '../suppressions/suppressions.js';
import { ownerBlobs } from './blobs.js';
import { contactDocs, ownerPages, plain, type StoredDoc, withoutSecrets } from './owner-docs.js';

export interface ContactExport {
  fileName: string;
  bytes: Uint8Array;
  files: string[];
}

const jsonFile = (value: unknown) => strToU8(`${JSON.stringify(value, null, 2)}\n`);
const safeName = (s: string) =>
  s
    .replace(/[^\w.-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'contact';

async function byIds(
  container: 'suppressions' | 'settings',
  ownerId: string,
  ids: string[],
): Promise<StoredDoc[]> {
  const c = await getContainer(container);
  const found: StoredDoc[] = [];
  for (const id of ids) {
    const { resource } = await c.item(id, ownerId).read<StoredDoc>();
    if (resource?.ownerId === ownerId) found.push(resource);
  }
  return found;
}

/**
 * Everything held about one contact (a data subject access request), as a zip of JSON files and
 * one .ics per meeting — the same invitation the contact was sent (booking/ics.ts).
 */
export async function exportContact(ownerId: string, contactId: string, now: Date): Promise<ContactExport> {
  const contact =
    (await createCosmosContactStore().read(ownerId, contactId)) ??
    (await cosmosTrashStore.read(ownerId, contactId));
  if (!contact) throw notFound('Contact');
  const [messages, meetings, conversations, notifications, leadEvents] = await Promise.all([
    contactDocs('messages', ownerId, contactId),
    contactDocs('meetings', ownerId, contactId),
    contactDocs('conversations', ownerId, contactId),
    contactDocs('notifications', ownerId, contactId),
    contactDocs('lead-events', ownerId, contactId),
  ]);
  const consents = await byIds('settings', ownerId, [consentDocId(contactId)]);
  const suppressionIds = [
    ...(contact.email ? [suppressionId(contact.email)] : []),
    ...(contact.phone
      ? [channelSuppressionId('sms', contact.phone), channelSuppressionId('whatsapp', contact.phone)]
      : []),
  ];
  const suppressions = await byIds('suppressions', ownerId, suppressionIds);
  const { resources: audit } = await (await getContainer('audit')).items
    .query<StoredDoc>(
      {
        query: 'SELECT * FROM c WHERE c.ownerId = @o AND c.target = @c ORDER BY c.at DESC',
        parameters: [
          { name: '@o', value: ownerId },
          { name: '@c', value: contactId },
        ],
      },
      { partitionKey: ownerId },
    )
    .fetchAll();
  const files: Record<string, Uint8Array> = {
    'contact.json': jsonFile(plain(contact as unknown as StoredDoc)),
    'messages.json': jsonFile(messages.map(plain)),
    'meetings.json': jsonFile(meetings.map(plain)),
    'transcripts.json': jsonFile(conversations.filter((c) => c.kind === 'transcript').map(plain)),
    'consents.json': jsonFile(consents.map(plain)),
    'suppressions.json': jsonFile(suppressions.map(plain)),
    'notifications.json': jsonFile(notifications.map(plain)),
    'lead-events.json': jsonFile(leadEvents.map(plain)),
    'audit.json': jsonFile(audit.map(plain)),
  };
  for (const m of meetings as unknown as MeetingDoc[]) {
    files[`meetings/${safeName(m.id)}.ics`] = strToU8(meetingIcs(m, 'PUBLISH'));
  }
  const name = [contact.firstName, contact.lastName].filter(Boolean).join(' ') || contact.email || contactId;
  return {
    fileName: `${safeName(name)}-data-${now.toISOString().slice(0, 10)}.zip`,
    bytes: zipSync(files, { level: 6, mtime: now }),
    files: Object.keys(files),
  };
}

/**
 * Everything the owner holds, streamed as a zip while it is read: one JSON file per container
 * (written a page at a time, so memory stays one page however large the account) and their files.
 * Sealed credentials are named, not exported.
 */
export function exportAccount(ownerId: string, now: Date): ReadableStream<Uint8Array> {
  let zip: Zip;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      zip = new Zip((err, chunk, final) => {
        if (err) return controller.error(err);
        controller.enqueue(chunk);
        if (final) controller.close();
      });
      void (async () => {
        try {
          for (const name of CONTAINERS) {
            const file = new ZipDeflate(`${name}.json`, { level: 6 });
            file.mtime = now;
            zip.add(file);
            let first = true;
            file.push(strToU8('['));
            for await (const page of ownerPages(name, ownerId)) {
              const text = page.map((d) => JSON.stringify(withoutSecrets(plain(d)))).join(',\n');
              file.push(strToU8(`${first ? '\n' : ',\n'}${text}`));
              first = false;
            }
            file.push(strToU8('\n]\n'), true);
          }
          for await (const blob of ownerBlobs(ownerId)) {
            const file = new ZipDeflate(blob.path, { level: 6 });
            file.mtime = now;
            zip.add(file);
            file.push(new Uint8Array(blob.bytes), true);
          }
          zip.end();
        } catch (err) {
          controller.error(err);
        }
      })();
    },
  });
}
