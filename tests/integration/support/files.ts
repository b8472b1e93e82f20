import * as XLSX from 'xlsx';

export interface PersonRow {
  first: string;
  last: string;
  email: string;
  company: string;
  title: string;
}

/** `count` distinct people with a predictable email each: person{i}@example{i % 7}.com. */
export function people(count: number, offset = 0): PersonRow[] {
  return Array.from({ length: count }, (_, k) => {
    const i = k + offset;
    return {
      first: `First${i}`,
      last: `Last${i}`,
      email: `person${i}@example${i % 7}.com`,
      company: `Company ${i % 50}`,
      title: i % 3 ? 'Engineer' : 'Director',
    };
  });
}

const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

export function toCsv(headers: string[], rows: string[][]): Buffer {
  return Buffer.from([headers, ...rows].map((r) => r.map(quote).join(',')).join('\r\n'), 'utf8');
}

export function peopleCsv(rows: PersonRow[]): Buffer {
  return toCsv(
    ['First Name', 'Last Name', 'Email', 'Company', 'Title'],
    rows.map((p) => [p.first, p.last, p.email, p.company, p.title]),
  );
}

export function toXlsx(headers: string[], rows: (string | number)[][]): Buffer {
  const sheet = XLSX.utils.aoa_to_sheet([headers, ...rows]);
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, 'Contacts');
  return XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
}

/** Uploads a file the way the SPA does (multipart, field "file"). */
export function uploadForm(fileName: string, bytes: Uint8Array, type = 'text/csv'): FormData {
  const form = new FormData();
  form.set('file', new Blob([new Uint8Array(bytes)], { type }), fileName);
  return form;
}
