/** The periods the picker offers: the last 7, 30 or 90 days (today included), or chosen days. */
export type Preset = '7' | '30' | '90' | 'custom';

export const PRESETS: { value: Preset; label: string }[] = [
  { value: '7', label: 'Last 7 days' },
  { value: '30', label: 'Last 30 days' },
  { value: '90', label: 'Last 90 days' },
  { value: 'custom', label: 'Custom' },
];

/** The longest period the API accepts. */
export const MAX_DAYS = 366;

/** YYYY-MM-DD of a date in the viewer's zone. */
export function localDay(date: Date): string {
  const y = date.getFullYear();
  const m = String(date.getMonth() + 1).padStart(2, '0');
  const d = String(date.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

export function presetRange(preset: Exclude<Preset, 'custom'>, today: Date): { from: string; to: string } {
  const from = new Date(today);
  from.setDate(from.getDate() - (Number(preset) - 1));
  return { from: localDay(from), to: localDay(today) };
}

/** Days from `from` to `to` inclusive (both YYYY-MM-DD). */
export const daysIn = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;

/** What is wrong with a custom period, in words, or null when it can be asked for. */
export function periodProblem(from: string, to: string): string | null {
  if (!from || !to) return 'Choose both a start and an end day.';
  if (from > to) return 'The start day must be on or before the end day.';
  if (daysIn(from, to) > MAX_DAYS) return `Choose at most ${MAX_DAYS} days.`;
  return null;
}
