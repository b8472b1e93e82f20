import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fakeContactStore } from '../../tests/fakes/contact-store.js';
import { fakeImportFiles, fakeImportStore } from '../../tests/fakes/import-ports.js';
import { AppError } from '../_shared/errors.js';
import type { ContactStore } from '../contacts/contact-store.js';
import { discardImport, expireAbandonedPreviews } from './discard.js';
import { forecastImport } from './forecast.js';
import {
  commitImport,
  getImportDto,
  type ImportDeps,
  type ImportJobMessage,
  listImports,
  rejectedReport,
  requeueStalledImports,
  runImport,
  startImport,
} from './import.js';

const ALICE = 'alice';
const BOB = 'bob';

function setup(overrides: Partial<ImportDeps> = {}) {
  const contacts = fakeContactStore();
  const imports = fakeImportStore();
  const { files, blobs } = fakeImportFiles();
  const queued: ImportJobMessage[] = [];
  let clock = Date.parse('2026-11-30T09:00:00Z');
  let ids = 0;
  const deps: ImportDeps = {
    now: () => {
      clock += 1000;
      return new Date(clock);
    },
    newId: () => `imp-${++ids}`,
    contacts: contacts.store,
    imports: imports.store,
    files,
    enqueue: async (message) => {
      queued.push(message);
    },
    limits: { syncMaxRows: 5000, maxBytes: 1_000_000, chunkRows: 2 },
    ...overrides,
  };
  const advance = (ms: number) => {
    clock += ms;
  };
  return { deps, contacts, imports, blobs, queued, advance };
}

const csv = (...lines: string[]) => ({ fileName: 'people.csv', bytes: Buffer.from(lines.join('\r\n')) });
const fixture = (name: string) =>
  readFileSync(new URL(`../../tests/fixtures/import/${name}`, import.meta.url));
const fail = async (work: Promise<unknown>): Promise<AppError> => {
  const err = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof AppError)) throw new Error(`expected an AppError, got ${String(err)}`);
  return err;
};

describe('startImport (upload → preview)', () => {
  it('keeps the file, suggests a mapping and shows the first rows, without writing contacts', async () => {
    const { deps, contacts, blobs } = setup();
    const dto = await startImport(ALICE, csv('Name,Email', 'Ada Lovelace,ada@example.com'), deps);
    expect(dto).toMatchObject({ status: 'preview', totalRows: 1, mapping: ['fullName', 'email'] });
    expect(dto.preview).toEqual([['Ada Lovelace', 'ada@example.com']]);
    expect(Object.keys(dto)).not.toEqual(
      expect.arrayContaining(['ownerId', 'blobName', 'rejectParts', '_etag']),
    );
    expect(blobs.size).toBe(1);
    expect(contacts.docs(ALICE).size).toBe(0);
  });

  it('refuses an empty file and a header without rows, and keeps nothing', async () => {
    const { deps, imports, blobs } = setup();
    expect((await fail(startImport(ALICE, csv(''), deps))).message).toMatch(/is empty/);
    expect((await fail(startImport(ALICE, csv('Name,Email'), deps))).message).toMatch(/no contacts below it/);
    expect(imports.all()).toHaveLength(0);
    expect(blobs.size).toBe(0);
  });
});

describe('commitImport', () => {
  it('imports a small file in the request, and a second commit does not import it again', async () => {
    const { deps, contacts } = setup();
    const { id } = await startImport(
      ALICE,
      csv('Name,Email', 'Ada,ada@x.io', 'Bob,bob@x.io', 'Cy,cy@x.io'),
      deps,
    );
    const first = await commitImport(ALICE, id, ['fullName', 'email'], deps);
    expect(first.queued).toBe(false);
    expect(first.dto).toMatchObject({ status: 'completed', processedRows: 3, counts: { created: 3 } });
    const again = await commitImport(ALICE, id, ['fullName', 'email'], deps);
    expect(again.dto.counts.created).toBe(3);
    expect(contacts.docs(ALICE).size).toBe(3);
  });

  it('queues a large file with a message naming the owner and the import', async () => {
    const { deps, queued } = setup({ limits: { syncMaxRows: 1, maxBytes: 1_000_000, chunkRows: 2 } });
    const { id } = await startImport(ALICE, csv('Email', 'a@x.io', 'b@x.io'), deps);
    const { dto, queued: wasQueued } = await commitImport(ALICE, id, ['email'], deps);
    expect(wasQueued).toBe(true);
    expect(dto.status).toBe('queued');
    expect(queued).toEqual([{ ownerId: ALICE, importId: id }]);
  });

  it('puts the job back to preview when it cannot be queued, so the person can retry', async () => {
    const { deps } = setup({
      limits: { syncMaxRows: 1, maxBytes: 1_000_000, chunkRows: 2 },
      enqueue: async () => {
        throw new Error('queue down');
      },
    });
    const { id } = await startImport(ALICE, csv('Email', 'a@x.io', 'b@x.io'), deps);
    const err = await fail(commitImport(ALICE, id, ['email'], deps));
    expect(err.code).toBe('UNAVAILABLE');
    expect((await getImportDto(ALICE, id, deps)).status).toBe('preview');
  });

  it('names the mapping when it does not fit the file', async () => {
    const { deps } = setup();
    const { id } = await startImport(ALICE, csv('Name,Email', 'Ada,ada@x.io'), deps);
    const err = await fail(commitImport(ALICE, id, ['email'], deps));
    expect(err.details?.[0]?.path).toBe('mapping');
  });
});

describe('runImport (the worker)', () => {
  it('resumes after a crash at the last saved chunk, with exact counts', async () => {
    let calls = 0;
    const { deps, contacts } = setup({ limits: { syncMaxRows: 1, maxBytes: 1_000_000, chunkRows: 2 } });
    const flaky: ContactStore = {
      ...contacts.store,
      createMany: async (owner, docs) => {
        if (++calls === 2) throw new Error('worker killed');
        return contacts.store.createMany(owner, docs);
      },
    };
    const rows = Array.from({ length: 5 }, (_, i) => `p${i}@x.io`);
    const { id } = await startImport(ALICE, csv('Email', ...rows), deps);
    await commitImport(ALICE, id, ['email'], deps);
    await expect(
      runImport(ALICE, id, { ...deps, contacts: flaky }, { finalAttempt: false }),
    ).rejects.toThrow();
    expect((await getImportDto(ALICE, id, deps)).processedRows).toBe(2);
    const done = await runImport(ALICE, id, deps, { finalAttempt: true });
    expect(done).toMatchObject({ status: 'completed', processedRows: 5, counts: { created: 5, updated: 0 } });
    expect(contacts.docs(ALICE).size).toBe(5);
  });

  it("marks the job failed on the last try with the error's own words when it is the user's to act on", async () => {
    const { deps, contacts } = setup({ limits: { syncMaxRows: 1, maxBytes: 1_000_000, chunkRows: 2 } });
    const busy: ContactStore = {
      ...contacts.store,
      createMany: async () => {
        throw new AppError(
          'CONFLICT',
          '2 contact(s) kept changing while they were being saved — try again in a moment.',
        );
      },
    };
    const { id } = await startImport(ALICE, csv('Email', 'a@x.io', 'b@x.io'), deps);
    await commitImport(ALICE, id, ['email'], deps);
    await expect(runImport(ALICE, id, { ...deps, contacts: busy }, { finalAttempt: true })).rejects.toThrow();
    const failed = await getImportDto(ALICE, id, deps);
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/kept changing/);
  });

  it('re-queues background imports that stopped moving for 15 minutes, and only those', async () => {
    const { deps, queued, advance } = setup({
      limits: { syncMaxRows: 1, maxBytes: 1_000_000, chunkRows: 2 },
    });
    const { id } = await startImport(ALICE, csv('Email', 'a@x.io', 'b@x.io'), deps);
    await commitImport(ALICE, id, ['email'], deps);
    queued.length = 0;
    expect(await requeueStalledImports(deps)).toBe(0);
    advance(16 * 60_000);
    expect(await requeueStalledImports(deps)).toBe(1);
    expect(queued).toEqual([{ ownerId: ALICE, importId: id }]);
  });
});

describe('reading imports', () => {
  it("lists the owner's imports newest first and hides them from everyone else", async () => {
    const { deps } = setup();
    const a = await startImport(ALICE, csv('Email', 'a@x.io'), deps);
    const b = await startImport(ALICE, csv('Email', 'b@x.io'), deps);
    expect((await listImports(ALICE, deps)).map((i) => i.id)).toEqual([b.id, a.id]);
    expect(await listImports(BOB, deps)).toEqual([]);
    expect((await fail(getImportDto(BOB, a.id, deps))).code).toBe('NOT_FOUND');
    expect((await fail(rejectedReport(BOB, a.id, deps))).code).toBe('NOT_FOUND');
  });

  it('joins the rejected rows report in row order under the file header', async () => {
    const { deps } = setup();
    const { id } = await startImport(ALICE, csv('Email', 'bad-1', 'ok@x.io', 'bad-2', 'bad-3'), deps);
    await commitImport(ALICE, id, ['email'], deps);
    const { fileName, csv: report } = await rejectedReport(ALICE, id, deps);
    expect(fileName).toBe('people-rejected.csv');
    const lines = report
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines.map((l) => l.split(',')[0])).toEqual(['Row', '2', '4', '5']);
  });
});

describe('re-importing our own rejected rows report', () => {
  it("reads a neutralised cell back as it was: '+41 44 1234567 is the phone again", async () => {
    const { deps, contacts } = setup();
    const { id } = await startImport(ALICE, csv('Name,Email,Phone', 'Ann Lee,ann@,+41 44 1234567'), deps);
    await commitImport(ALICE, id, ['fullName', 'email', 'phone'], deps);
    const report = (await rejectedReport(ALICE, id, deps)).csv;
    expect(report).toContain("'+41 44 1234567");
    // The person fixes the email in the report and uploads it again.
    const fixed = report.replace('ann@,', 'ann@lee.ch,');
    const again = await startImport(
      ALICE,
      { fileName: 'people-rejected.csv', bytes: Buffer.from(fixed) },
      deps,
    );
    const { dto } = await commitImport(ALICE, again.id, again.mapping, deps);
    expect(dto.counts.created).toBe(1);
    expect([...contacts.docs(ALICE).values()][0]).toMatchObject({
      email: 'ann@lee.ch',
      phone: '+41441234567',
    });
  });
});

describe('uploads that are not contact lists', () => {
  it('refuses a file with no recognisable columns, in one clear message, keeping nothing', async () => {
    const { deps, imports, blobs } = setup();
    const sentence = {
      fileName: 'notes.xlsx',
      bytes: Buffer.from('Remember to call the bank, then the school\nAnd buy milk'),
    };
    const err = await fail(startImport(ALICE, sentence, deps));
    expect(err.message).toBe(
      '"notes.xlsx" has no columns we recognise. Save your list from the spreadsheet or CRM as CSV or Excel with a header row such as Name, Email, Company.',
    );
    expect(imports.all()).toHaveLength(0);
    expect(blobs.size).toBe(0);
  });

  it('takes a list whose headers are in another language when its cells hold email addresses', async () => {
    const { deps } = setup();
    const dto = await startImport(ALICE, csv('Nimi;Sähköposti', 'Aino;aino@yritys.fi'), deps);
    expect(dto.status).toBe('preview');
  });
});

describe('forecast, discard and expiry of uploads', () => {
  it('says what a commit would do — new, merged, rejected with reasons — and writes nothing', async () => {
    const { deps, contacts } = setup();
    const first = await startImport(ALICE, csv('Email', 'old@x.io'), deps);
    await commitImport(ALICE, first.id, ['email'], deps);
    const { id } = await startImport(
      ALICE,
      csv('Email', 'old@x.io', 'new@x.io', 'new@x.io', 'broken@'),
      deps,
    );
    const forecast = await forecastImport(ALICE, id, ['email'], deps);
    expect(forecast).toEqual({
      rows: 4,
      create: 1,
      merge: 1,
      reject: 1,
      duplicatesInFile: 1,
      withoutEmail: 0,
      rejectedSample: [{ row: 5, reason: 'Email "broken@" is not a valid address' }],
    });
    expect(contacts.docs(ALICE).size).toBe(1);
    expect((await getImportDto(ALICE, id, deps)).status).toBe('preview');
  });

  it('discards an upload with its file, but never an import that ran', async () => {
    const { deps, blobs } = setup();
    const a = await startImport(ALICE, csv('Email', 'a@x.io'), deps);
    const b = await startImport(ALICE, csv('Email', 'b@x.io'), deps);
    await commitImport(ALICE, b.id, ['email'], deps);
    await discardImport(ALICE, a.id, deps);
    expect((await fail(getImportDto(ALICE, a.id, deps))).code).toBe('NOT_FOUND');
    expect(blobs.size).toBe(1);
    expect((await fail(discardImport(ALICE, b.id, deps))).code).toBe('CONFLICT');
    expect((await fail(discardImport(BOB, b.id, deps))).code).toBe('NOT_FOUND');
  });

  it('expires uploads left unconfirmed for a day, and only those', async () => {
    const { deps, advance } = setup();
    const old = await startImport(ALICE, csv('Email', 'a@x.io'), deps);
    advance(23 * 3_600_000);
    const recent = await startImport(ALICE, csv('Email', 'b@x.io'), deps);
    advance(2 * 3_600_000);
    expect(await expireAbandonedPreviews(deps)).toBe(1);
    expect((await listImports(ALICE, deps)).map((i) => i.id)).toEqual([recent.id]);
    expect(old.id).not.toBe(recent.id);
  });
});

describe('one person from two sources', () => {
  it("a LinkedIn export, then an Excel list with the same people's emails: no new contacts, the emails land on them", async () => {
    const { deps, contacts } = setup({ limits: { syncMaxRows: 5000, maxBytes: 1_000_000, chunkRows: 500 } });
    const linkedin = await startImport(
      ALICE,
      { fileName: 'Connections.csv', bytes: fixture('linkedin-connections.csv') },
      deps,
    );
    await commitImport(ALICE, linkedin.id, linkedin.mapping, deps);
    const before = contacts.docs(ALICE).size;
    const excel = csv(
      'First name,Last name,Company,Email',
      'Anna,Schmidt,Globex GmbH,anna.schmidt@globex.de',
      'Priya,Raman,Umbrella Corp,priya@umbrella.example',
    );
    const upload = await startImport(ALICE, excel, deps);
    const { dto } = await commitImport(ALICE, upload.id, upload.mapping, deps);
    expect(dto.counts).toMatchObject({ created: 0, updated: 2 });
    expect(contacts.docs(ALICE).size).toBe(before);
    const emails = [...contacts.docs(ALICE).values()].map((c) => c.email).sort();
    expect(emails).toEqual(expect.arrayContaining(['anna.schmidt@globex.de', 'priya@umbrella.example']));
  });
});
