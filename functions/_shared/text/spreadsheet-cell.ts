// Excel runs a cell starting with these as a formula (CSV injection); tab and CR count too (OWASP).
const FORMULA_START = /^[=+\-@\t\r]/;
const NEUTRALISED = /^'[=+\-@\t\r]/;

/** Prefixes a quote so spreadsheet apps show the text instead of evaluating it: "=cmd" → "'=cmd". */
export const neutralise = (cell: string): string => (FORMULA_START.test(cell) ? `'${cell}` : cell);

/**
 * Undoes neutralise on a cell read back from a file we (or a careful tool) wrote: "'+41 44 1234567"
 * is the phone "+41 44 1234567" again. A quote before anything else is the person's own text.
 */
export const restoreNeutralised = (cell: string): string =>
  cell.charCodeAt(0) === 39 && NEUTRALISED.test(cell) ? cell.slice(1) : cell;

// csv-stringify quotes a cell for its delimiter or quote, not for a bare CR or LF; a spreadsheet
// would read such a cell as two rows.
export const LINE_BREAK = /[\r\n]/;
