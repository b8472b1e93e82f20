import { describe, expect, it } from 'vitest';
import { appError, open } from '../table.test-support.js';
import { detectFormat } from './detect.js';

const bytes = (...values: number[]) => Uint8Array.from(values);

describe('detectFormat', () => {
  it('reads zip and CFB containers as workbooks whatever the extension says', () => {
    expect(detectFormat('contacts.csv', bytes(0x50, 0x4b, 0x03, 0x04, 0x14))).toBe('xlsx');
    expect(detectFormat('contacts.xlsx', bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1))).toBe('xls');
  });

  it('reads text as CSV even when a CRM named it .xls', () => {
    expect(detectFormat('export.xls', Buffer.from('Name,Email\nJane,jane@x.com\n'))).toBe('csv');
  });

  it('refuses an empty file with BAD_FILE naming it', async () => {
    const error = await appError(() => open('contacts.csv', ''));
    expect(error.code).toBe('BAD_FILE');
    expect(error.message).toContain('"contacts.csv" is empty');
  });

  it.each([
    ['a PDF document', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj')],
    ['a PNG image', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13)],
    ['a JPEG image', bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10)],
    ['an HTML or XML document', Buffer.from('<!DOCTYPE html><html><table><tr><td>x</td></tr></table>')],
    ['a binary file', bytes(0x00, 0x01, 0x02, 0x41, 0x42)],
  ])('refuses %s renamed .csv with UNSUPPORTED_MEDIA_TYPE', async (what, content) => {
    const error = await appError(() => open('contacts.csv', content));
    expect(error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(error.status).toBe(415);
    expect(error.message).toContain(`is ${what}`);
  });
});
