import { describe, expect, it } from 'vitest';
import { contactIdFor } from '../contacts/identity.js';
import { autoMap } from './mapping.js';
import { type ImportChunk, processTable } from './pipeline.js';
import { previewTable } from './preview.js';
import { fixture, open } from './table.test-support.js';

async function run(name: string, content: string | Buffer, options: Parameters<typeof processTable>[2] = {}) {
  const table = await open(name, content);
  const chunks: ImportChunk[] = [];
  for await (const chunk of processTable(table, autoMap(table.headers, table.format), options))
    chunks.push(chunk);
  return chunks;
}

const total = (chunks: ImportChunk[], key: 'duplicatesInFile' | 'withoutEmail' | 'rowCount') =>
  chunks.reduce((sum, c) => sum + c[key], 0);

describe('processTable', () => {
  it('imports the LinkedIn export, merging the same profile seen twice and flagging no-email', async () => {
    const [chunk] = await run('Connections.csv', fixture('linkedin-connections.csv'));
    expect(chunk?.drafts.size).toBe(3);
    expect(chunk?.duplicatesInFile).toBe(1);
    expect(chunk?.withoutEmail).toBe(2);
    const anna = chunk?.drafts.get(contactIdFor('l:linkedin.com/in/anna-schmidt-4b2a1'));
    // The second Anna row filled nothing already known: the first row's title stays.
    expect(anna).toMatchObject({
      firstName: 'Anna',
      title: 'Head of Sales',
      flags: ['no-email'],
      source: 'linkedin',
    });
    expect(chunk).toMatchObject({ firstRow: 5, lastRow: 8, rowCount: 4, rejected: [] });
  });

  it('imports the German Excel export: E.164 phones, lowercase email, a rejected row with its cells', async () => {
    const [chunk] = await run('kontakte.csv', fixture('excel-de-semicolon.csv'));
    const jurgen = chunk?.drafts.get(contactIdFor('e:juergen.mueller@beispiel.de'));
    expect(jurgen).toMatchObject({
      firstName: 'Jürgen',
      phone: '+49301234567',
      company: 'Müller & Söhne GmbH',
    });
    expect(chunk?.rejected).toEqual([
      {
        row: 5,
        reason: 'Email "kein-at-zeichen" is not a valid address',
        cells: ['Keine', 'Adresse', 'kein-at-zeichen'],
      },
    ]);
  });

  it('merges in-file duplicates within a chunk, and marks those of an earlier chunk for the stored contact', async () => {
    const csv =
      'Email,First Name,Company,Tags\na@x.io,Ann,,vip\nb@x.io,Bob,,\nA@X.io,,Acme,berlin\nb@x.io,,Beta,\n';
    const chunks = await run('c.csv', csv, { chunkRows: 3 });
    expect(chunks.map((c) => c.rowCount)).toEqual([3, 1]);
    expect(chunks[0]?.drafts.get(contactIdFor('e:a@x.io'))).toMatchObject({
      firstName: 'Ann',
      company: 'Acme',
      tags: ['vip', 'berlin'],
    });
    const bob = contactIdFor('e:b@x.io');
    expect([...(chunks[1]?.seenEarlier ?? [])]).toEqual([bob]);
    expect(chunks[1]?.drafts.get(bob)).toMatchObject({ company: 'Beta' });
    expect(total(chunks, 'duplicatesInFile')).toBe(2);
  });

  it('resumes after skipRows with the same totals and without re-counting earlier rows', async () => {
    const lines = Array.from({ length: 1000 }, (_, i) => `user${i % 900}@x.io,User ${i}`);
    lines[500] = 'not-an-email,Broken';
    const csv = `Email,Name\n${lines.join('\n')}\n`;
    const whole = await run('c.csv', csv, { chunkRows: 100 });
    const resumed = await run('c.csv', csv, { chunkRows: 100, skipRows: 600 });
    const tail = whole.slice(6);
    expect(resumed.map((c) => c.firstRow)).toEqual(tail.map((c) => c.firstRow));
    expect(resumed[0]?.firstRow).toBe(602); // data row 601 is spreadsheet row 602 (header = row 1)
    expect(total(resumed, 'duplicatesInFile')).toBe(total(tail, 'duplicatesInFile'));
    expect(resumed.flatMap((c) => [...c.seenEarlier])).toEqual(tail.flatMap((c) => [...c.seenEarlier]));
    expect(total(whole, 'duplicatesInFile')).toBe(100);
    expect(whole.flatMap((c) => c.rejected.map((r) => r.row))).toEqual([502]);
  });

  it('counts rows in the preview exactly and clips long cells', async () => {
    const table = await open(
      'c.csv',
      `Name,Notes\n${`Jane,${'x'.repeat(500)}\n`}${'Bob,short\n'.repeat(30)}`,
    );
    const preview = await previewTable(table);
    expect(preview.totalRows).toBe(31);
    expect(preview.rows).toHaveLength(20);
    expect(preview.rows[0]?.[1]).toHaveLength(200);
    expect(preview.mapping).toEqual(['fullName', 'notes']);
  });
});
