import { getContainer } from '../_shared/cosmos/client.js';
import { ownedDocuments } from '../_shared/cosmos/documents.js';
import { BLOB_CONTAINERS, getBlobContainer } from '../_shared/storage.js';
import type { MeetingDoc } from '../booking/model.js';
import { createCosmosContactStore } from '../contacts/cosmos-contact-store.js';
import type { ContactDoc } from '../contacts/model.js';
import { cosmosLeadEventStore, ownerZone, queryLeads, readStageNamesDoc } from '../leads/store.js';
import type { ResultCampaign, ResultMeeting, ResultMessage } from './campaign-results.js';
import type { ReportMeeting } from './daily-report.js';
import type { ReportDeps, StoredReport } from './reports.js';
import { XLSX_TYPE } from './reports.js';
import type { ReportSettingsDto } from './schema.js';

/** Each owner's reports live under their id: a listing or read never leaves that prefix. */
const blobName = (ownerId: string, date: string) => `${ownerId}/${date}.xlsx`;
const blobStatus = (err: unknown) => (err as { statusCode?: number })?.statusCode;

export const blobReportFiles: ReportDeps['files'] = {
  async exists(ownerId, date) {
    return (await getBlobContainer(BLOB_CONTAINERS.reports)).getBlobClient(blobName(ownerId, date)).exists();
  },
  async save(ownerId, date, bytes, replace = false) {
    const blob = (await getBlobContainer(BLOB_CONTAINERS.reports)).getBlockBlobClient(
      blobName(ownerId, date),
    );
    try {
      // Made once by the timer: a second run for the same day keeps the first.
      await blob.uploadData(bytes, {
        blobHTTPHeaders: { blobContentType: XLSX_TYPE },
        ...(!replace && { conditions: { ifNoneMatch: '*' } }),
      });
    } catch (err) {
      if (blobStatus(err) !== 409) throw err;
    }
  },
  async list(ownerId) {
    const container = await getBlobContainer(BLOB_CONTAINERS.reports);
    const found: StoredReport[] = [];
    for await (const b of container.listBlobsFlat({ prefix: `${ownerId}/` })) {
      const date = /\/(\d{4}-\d{2}-\d{2})\.xlsx$/.exec(b.name)?.[1];
      if (!date || b.name !== blobName(ownerId, date)) continue;
      found.push({
        date,
        createdAt: (b.properties.createdOn ?? b.properties.lastModified).toISOString(),
        size: b.properties.contentLength ?? 0,
      });
    }
    return found;
  },
  async read(ownerId, date) {
    try {
      return await (await getBlobContainer(BLOB_CONTAINERS.reports))
        .getBlobClient(blobName(ownerId, date))
        .downloadToBuffer();
    } catch (err) {
      if (blobStatus(err) === 404) return undefined;
      throw err;
    }
  },
};

async function queryOwner<T>(
  name: 'contacts' | 'meetings',
  ownerId: string,
  where: string,
  from: string,
  to: string,
) {
  const { resources } = await (await getContainer(name)).items
    .query<T>(
      {
        query: `SELECT * FROM c WHERE c.ownerId = @o AND (${where})`,
        parameters: [
          { name: '@o', value: ownerId },
          { name: '@from', value: from },
          { name: '@to', value: to },
        ],
      },
      { partitionKey: ownerId },
    )
    .fetchAll();
  return resources;
}

const toReportMeeting = (m: MeetingDoc): ReportMeeting => ({
  id: m.id,
  contactId: m.contactId,
  contactName: m.contact.name,
  title: m.title,
  start: m.start,
  end: m.end,
  status: m.status,
  createdAt: m.createdAt,
});

/** Only the fields the sheet reads: a campaign's messages can be many. */
async function projected<T>(name: 'campaigns' | 'messages' | 'meetings', fields: string, ownerId: string) {
  const { resources } = await (await getContainer(name)).items
    .query<T & { ownerId: string }>(
      {
        query: `SELECT ${fields}, c.ownerId FROM c WHERE c.ownerId = @o`,
        parameters: [{ name: '@o', value: ownerId }],
      },
      { partitionKey: ownerId },
    )
    .fetchAll();
  return resources.filter((r) => r.ownerId === ownerId);
}

interface ReportSettingsDoc extends ReportSettingsDto {
  id: 'report-settings';
  ownerId: string;
  updatedAt: string;
  _etag?: string;
}
const settingsDocs = ownedDocuments<ReportSettingsDoc>('settings', 'report settings');

export const cosmosReportSettings: ReportDeps['settings'] = {
  async read(ownerId) {
    // Off until the owner turns it on.
    return {
      emailDailyReport: (await settingsDocs.find(ownerId, 'report-settings'))?.emailDailyReport ?? false,
    };
  },
  async write(ownerId, settings, now) {
    const doc = await settingsDocs.upsert({
      id: 'report-settings',
      ownerId,
      emailDailyReport: settings.emailDailyReport,
      updatedAt: now.toISOString(),
    });
    return { emailDailyReport: doc.emailDailyReport };
  },
};

export function reportDeps(): ReportDeps {
  const contacts = createCosmosContactStore();
  return {
    now: () => new Date(),
    zoneOf: ownerZone,
    stageNames: readStageNamesDoc,
    contactsCreatedBetween: (ownerId, from, to) =>
      queryOwner<ContactDoc>('contacts', ownerId, 'c.createdAt >= @from AND c.createdAt < @to', from, to),
    contactsByIds: (ownerId, ids) => (ids.length ? contacts.readMany(ownerId, ids) : Promise.resolve([])),
    movesBetween: cosmosLeadEventStore.movesBetween,
    meetingsTouching: async (ownerId, from, to) =>
      (
        await queryOwner<MeetingDoc>(
          'meetings',
          ownerId,
          "(c.createdAt >= @from AND c.createdAt < @to) OR (c.start >= @from AND c.start < @to) OR (c['end'] >= @from AND c['end'] < @to)",
          from,
          to,
        )
      ).map(toReportMeeting),
    async followupsDueBy(ownerId, date) {
      const due: ContactDoc[] = [];
      let continuationToken: string | undefined;
      do {
        const page = await queryLeads(ownerId, { due: 'due', limit: 200, continuationToken }, date);
        due.push(...page.docs);
        continuationToken = page.continuationToken ?? undefined;
      } while (continuationToken);
      return due;
    },
    async campaignActivity(ownerId) {
      const [campaigns, messages, meetings] = await Promise.all([
        projected<ResultCampaign>('campaigns', 'c.id, c.name, c.status, c.createdAt', ownerId),
        projected<ResultMessage>(
          'messages',
          'c.campaignId, c.contactId, c.status, c.sentAt, c.events',
          ownerId,
        ),
        projected<ResultMeeting>('meetings', 'c.contactId, c.createdAt', ownerId),
      ]);
      return { campaigns, messages, meetings };
    },
    settings: cosmosReportSettings,
    async emailOwner(ownerId, email) {
      // Loaded when an email goes: the booking and channel modules pull in every vendor SDK,
      // which a report made without emailing has no use for (peak RSS, bench/leads/report.ts).
      const [{ hostOf }, { getChannel }] = await Promise.all([
        import('../booking/deps.js'),
        import('../_integrations/channels/registry.js'),
      ]);
      const host = await hostOf(ownerId);
      const html = email.text
        .split('\n')
        .map((l) => `<p>${l.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)}</p>`)
        .join('');
      const result = await getChannel('email').send({
        id: email.id,
        ownerId,
        from: host,
        to: { name: host.name, email: host.email },
        subject: email.subject,
        text: email.text,
        html,
        attachments: [email.attachment],
      });
      return result.status;
    },
    files: blobReportFiles,
  };
}
