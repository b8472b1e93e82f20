import { fileURLToPath } from 'node:url';
import { peakRssMB, round, runChild, startBackends } from './backends.js';
import { seedBenchContacts } from './data.js';

/**
 * Daily report generation for N leads: all created on the report's day, one in five with a next
 * action due, plus a campaign whose messages went to one in ten of them and a meeting for one in
 * twenty — through the real path (reports.ts makeReportNow: queries, sheets, SheetJS, upload to
 * Azurite). Time and peak RSS of the child process that makes it.
 */
export interface ReportOptions {
  leads?: number;
  runs?: number;
}

interface ChildResult {
  seconds: number;
  bytes: number;
  newLeads: number;
  maxRssMB: number;
}

const OWNER = 'bench-report-owner';
const DAY = '2026-11-29';
const CHILD_FLAG = '--report-child';
const self = fileURLToPath(import.meta.url);

export async function benchDailyReport(opts: ReportOptions = {}) {
  const leads = opts.leads ?? 10_000;
  const runs = opts.runs ?? 1;
  const backends = await startBackends('bench-report');
  try {
    // Seeded from a child too: the functions code keeps its clients (and their endpoint) per process.
    await runChild(self, [CHILD_FLAG, 'seed', String(leads)], backends.env);
    const results: ChildResult[] = [];
    for (let i = 0; i < runs; i++)
      results.push(await runChild<ChildResult>(self, [CHILD_FLAG], backends.env));
    results.sort((a, b) => a.seconds - b.seconds);
    const median = results[Math.floor(results.length / 2)]!;
    if (median.newLeads !== leads) throw new Error(`the report has ${median.newLeads} of ${leads} new leads`);
    return {
      leads,
      runs,
      seconds: round(median.seconds),
      leadsPerSecond: Math.round(leads / median.seconds),
      peakRssMB: Math.max(...results.map((r) => r.maxRssMB)),
      fileMB: round(median.bytes / 1024 / 1024),
    };
  } finally {
    await backends.stop();
  }
}

async function seed(leads: number) {
  const dayStart = Date.parse(`${DAY}T00:00:00Z`);
  await seedBenchContacts(OWNER, leads, (i) =>
    new Date(dayStart + Math.floor((i / leads) * 86_000_000)).toISOString(),
  );
  await seedActivity(leads, dayStart);
  return {};
}

async function seedActivity(leads: number, dayStart: number) {
  const { campaigns, writeMessages } = await import('../../functions/campaigns/store.js');
  const { getContainer } = await import('../../functions/_shared/cosmos/client.js');
  const at = new Date(dayStart - 86_400_000).toISOString();
  await campaigns.create({
    id: 'bench-campaign',
    ownerId: OWNER,
    name: 'Bench push',
    status: 'sending',
    createdAt: at,
  } as never);
  const messages = Array.from({ length: Math.floor(leads / 10) }, (_, k) => {
    const sentAt = new Date(dayStart + k * 1000).toISOString();
    return {
      id: `bench-msg-${k}`,
      ownerId: OWNER,
      campaignId: 'bench-campaign',
      contactId: `bench-${String(k * 10).padStart(7, '0')}`,
      step: 1,
      status: k % 3 === 0 ? 'opened' : 'delivered',
      sentAt,
      events: [{ type: 'sent', at: sentAt }],
    };
  });
  for (let i = 0; i < messages.length; i += 100)
    await writeMessages(OWNER, messages.slice(i, i + 100) as never, 'create');
  const meetings = await getContainer('meetings');
  for (let k = 0; k < leads / 20; k += 100) {
    const batch = Array.from({ length: Math.min(100, leads / 20 - k) }, (_, j) => {
      const n = k + j;
      const start = new Date(dayStart + 3_600_000 + n * 60_000).toISOString();
      return {
        operationType: 'Create' as const,
        resourceBody: {
          id: `bench-meeting-${n}`,
          ownerId: OWNER,
          contactId: `bench-${String(n * 20).padStart(7, '0')}`,
          contact: { name: `First${n * 20}`, email: 'x@example.com' },
          title: 'Intro call',
          start,
          end: start,
          status: 'booked',
          createdAt: start,
        },
      };
    });
    await meetings.items.bulk(batch);
  }
}

async function reportChild(): Promise<ChildResult> {
  const { makeReportNow, collectDailyReport } = await import('../../functions/reports/reports.js');
  const { reportDeps } = await import('../../functions/reports/store.js');
  const deps = { ...reportDeps(), now: () => new Date(`${DAY}T23:30:00Z`) };
  const started = performance.now();
  const made = await makeReportNow(OWNER, DAY, deps);
  const seconds = (performance.now() - started) / 1000;
  const maxRssMB = peakRssMB();
  // Checked after the measurement: the report covered every seeded lead.
  const newLeads = (await collectDailyReport(OWNER, DAY, deps)).newLeads.length;
  return { seconds, bytes: made.size, newLeads, maxRssMB };
}

const at = process.argv.indexOf(CHILD_FLAG);
if (at > 0) {
  const result =
    process.argv[at + 1] === 'seed' ? await seed(Number(process.argv[at + 2])) : await reportChild();
  process.send?.(result, () => process.exit(0));
}
