const CANDIDATES = [',', ';', '\t', '|'] as const;
export type Delimiter = (typeof CANDIDATES)[number];

const SAMPLE_RECORDS = 50;

/**
 * Picks the delimiter that splits the most records into the same number (> 0) of fields, counting
 * only outside quotes, so a LinkedIn notes paragraph full of commas or a quoted "Berlin, DE" does
 * not vote. Ties go to the earlier candidate (comma first).
 */
export function sniffDelimiter(text: string): Delimiter {
  const records = sampleRecords(text);
  let best: Delimiter = ',';
  let bestScore = 0;
  for (const delimiter of CANDIDATES) {
    const counts = records.map((record) => countOutsideQuotes(record, delimiter));
    const score = agreement(counts);
    if (score > bestScore) {
      best = delimiter;
      bestScore = score;
    }
  }
  return best;
}

/** How many records share the most common non-zero field count, weighted slightly by that count. */
function agreement(counts: number[]): number {
  const frequency = new Map<number, number>();
  for (const count of counts) if (count > 0) frequency.set(count, (frequency.get(count) ?? 0) + 1);
  let score = 0;
  for (const [count, records] of frequency) score = Math.max(score, records + Math.min(count, 50) / 100);
  return score;
}

function countOutsideQuotes(record: string, delimiter: string): number {
  let count = 0;
  let quoted = false;
  for (let i = 0; i < record.length; i++) {
    const c = record[i];
    if (c === '"') quoted = !quoted;
    else if (c === delimiter && !quoted) count++;
  }
  return count;
}

/** Splits the head of the file into records, keeping quoted line breaks inside their record. */
function sampleRecords(text: string): string[] {
  const records: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < text.length && records.length < SAMPLE_RECORDS; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if ((c === '\n' || c === '\r') && !quoted) {
      if (i > start) records.push(text.slice(start, i));
      start = i + 1;
    }
  }
  // A head cut mid-record still counts if it is the whole sample (one-line files).
  if (records.length === 0 && start < text.length) records.push(text.slice(start));
  return records;
}
