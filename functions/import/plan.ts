import { restoreNeutralised } from '../_shared/text/spreadsheet-cell.js';
import { isBlank } from './parse/header-row.js';
import type { ColumnMapping, ImportField } from './schema.js';

/** Column indexes per field, computed once per mapping rather than once per row. */
export type ColumnPlan = Record<ImportField, number[]>;

const plans = new WeakMap<ColumnMapping, ColumnPlan>();

export function planColumns(mapping: ColumnMapping): ColumnPlan {
  let plan = plans.get(mapping);
  if (!plan) {
    plan = {
      firstName: [],
      lastName: [],
      fullName: [],
      email: [],
      company: [],
      title: [],
      phone: [],
      linkedinUrl: [],
      location: [],
      city: [],
      country: [],
      timeZone: [],
      tags: [],
      notes: [],
    };
    mapping.forEach((field, column) => {
      if (field) plan![field].push(column);
    });
    plans.set(mapping, plan);
  }
  return plan;
}

/**
 * The first non-blank cell among the columns, trimmed; '' when all are blank or missing. A cell a
 * spreadsheet export neutralised ("'+41 44 1234567") reads as what it was.
 */
export function textOf(cells: readonly string[], columns: readonly number[]): string {
  for (const column of columns) {
    const cell = cells[column];
    if (cell !== undefined && !isBlank(cell)) return restoreNeutralised(cell.trim());
  }
  return '';
}

/** Every non-blank cell among the columns, trimmed (tags and notes may come from several). */
export function textsOf(cells: readonly string[], columns: readonly number[]): string[] {
  const texts: string[] = [];
  for (const column of columns) {
    const cell = cells[column];
    if (cell !== undefined && !isBlank(cell)) texts.push(restoreNeutralised(cell.trim()));
  }
  return texts;
}
