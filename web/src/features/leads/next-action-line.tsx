import type { NextAction } from '../../../../functions/leads/schema';

const day = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

/** A calendar date (YYYY-MM-DD) as the viewer writes it; a date has no zone, so none is applied. */
export const formatDay = (on: string): string => {
  const date = new Date(`${on}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? on : day.format(date);
};

/** Today's date where the viewer is, YYYY-MM-DD. */
export const localToday = (now = new Date()): string =>
  `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;

/** The next action as one line: overdue ones say so (not by colour alone). */
export function NextActionLine({ nextAction, today }: { nextAction: NextAction | null; today: string }) {
  if (!nextAction) return <span className="next-action muted small-print">No next action</span>;
  const overdue = nextAction.on < today;
  const dueToday = nextAction.on === today;
  return (
    <span className={`next-action small-print${overdue ? ' overdue' : ''}${dueToday ? ' due-today' : ''}`}>
      {overdue ? 'Overdue: ' : dueToday ? 'Today: ' : 'Next: '}
      {!dueToday && formatDay(nextAction.on)}
      {nextAction.note && `${dueToday ? '' : ' — '}${nextAction.note}`}
      {dueToday && !nextAction.note && formatDay(nextAction.on)}
    </span>
  );
}
