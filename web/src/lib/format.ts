// `undefined` locale and no timeZone: the viewer's own language and zone.
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const integer = new Intl.NumberFormat(undefined);

export const formatDateTime = (iso: string | null | undefined): string => {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : dateTime.format(date);
};

const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** The day alone ("Nov 30, 2026"), for tight table cells; the full time goes in a tooltip. */
export const formatDate = (iso: string | null | undefined): string => {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : dateOnly.format(date);
};

export const formatCount = (n: number): string => integer.format(n);

export const plural = (n: number, one: string, many: string): string =>
  `${formatCount(n)} ${n === 1 ? one : many}`;

/** A file size as people say it: "20 MB", "512 KB" (binary units, as the limits are set). */
export const formatBytes = (bytes: number): string => {
  if (bytes >= 1024 * 1024) return `${formatCount(Math.round((bytes / (1024 * 1024)) * 10) / 10)} MB`;
  if (bytes >= 1024) return `${formatCount(Math.round(bytes / 1024))} KB`;
  return plural(bytes, 'byte', 'bytes');
};
