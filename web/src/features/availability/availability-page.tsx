import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type FormEvent, useId, useMemo, useState } from 'react';
import type {
  AvailabilityRules,
  DateOverride,
  TimeRange,
  Weekday,
} from '../../../../functions/_shared/scheduling/rules';
import type {
  AvailabilityDto,
  MeetingLocation,
  MeetingType,
  MeetingTypeVideo,
} from '../../../../functions/availability/schema';
import type { VideoChoice } from '../../../../functions/video/schema';
import { ApiError, api } from '../../lib/api';
import { ErrorAlert } from '../../lib/error-alert';
import { zoneOptions } from '../../lib/time-zone';
import { useToast } from '../../lib/toast';
import { VIDEO_LABELS, videoSettingsKey } from '../calendars/labels';
import { availabilityKeys, availabilityQuery, previewQuery } from './queries';

const DAYS: { key: Weekday; label: string }[] = [
  { key: 'mon', label: 'Monday' },
  { key: 'tue', label: 'Tuesday' },
  { key: 'wed', label: 'Wednesday' },
  { key: 'thu', label: 'Thursday' },
  { key: 'fri', label: 'Friday' },
  { key: 'sat', label: 'Saturday' },
  { key: 'sun', label: 'Sunday' },
];
const LOCATIONS: { value: MeetingLocation; label: string }[] = [
  { value: 'video', label: 'Video call' },
  { value: 'phone', label: 'Phone' },
  { value: 'in-person', label: 'In person' },
];
const DEFAULT_RANGE: TimeRange = { start: '09:00', end: '17:00' };

/** The API's details[].path → message; a field shows the first one at or under its path. */
type FieldErrors = (path: string) => string | undefined;
function fieldErrors(error: unknown): FieldErrors {
  const details = error instanceof ApiError && error.status === 400 ? error.details : [];
  return (path) => details.find((d) => d.path === path || d.path?.startsWith(`${path}.`))?.message;
}

/** /availability: when contacts can book meetings, which kinds, and the slots that gives next week. */
export function AvailabilityPage() {
  const { data, error, isPending, refetch, isFetching } = useQuery(availabilityQuery());
  return (
    <>
      <p className="back-link">
        <Link to="/campaigns">← Campaigns</Link>
      </p>
      <div className="page-title">
        <h1>Availability</h1>
      </div>
      <p className="muted">
        When contacts can book a meeting with you. The preview leaves out what is already taken: booked
        meetings and busy time in your <Link to="/calendars">connected calendars</Link>.
      </p>
      {error && <ErrorAlert error={error} />}
      {isPending && <p aria-live="polite">Loading availability…</p>}
      {data && (
        // A new etag (saved here, or reloaded after another tab saved) starts the form from the server's copy.
        <AvailabilityForm
          key={data.etag ?? 'new'}
          saved={data}
          reloading={isFetching}
          onReload={() => void refetch()}
        />
      )}
      {data && <Preview meetingTypes={data.meetingTypes} />}
    </>
  );
}

function AvailabilityForm({
  saved,
  reloading,
  onReload,
}: {
  saved: AvailabilityDto;
  reloading: boolean;
  onReload: () => void;
}) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [rules, setRules] = useState<AvailabilityRules>(saved.rules);
  const [types, setTypes] = useState<MeetingType[]>(saved.meetingTypes);
  const video = useQuery({ queryKey: videoSettingsKey, queryFn: api.calendars.video });
  const zones = useMemo(() => zoneOptions(rules.timeZone), [rules.timeZone]);
  const id = useId();
  const save = useMutation({
    mutationFn: () => api.availability.save({ rules, meetingTypes: types, etag: saved.etag }),
    onSuccess: async (result) => {
      queryClient.setQueryData(availabilityKeys.settings(), result);
      await queryClient.invalidateQueries({ queryKey: [...availabilityKeys.all, 'preview'] });
      toast({ message: 'Availability saved.' });
    },
  });
  const errorAt = fieldErrors(save.error);
  const conflict = save.error instanceof ApiError && save.error.status === 409;
  const set = <K extends keyof AvailabilityRules>(key: K, value: AvailabilityRules[K]) =>
    setRules((r) => ({ ...r, [key]: value }));
  const setType = (index: number, patch: Partial<MeetingType>) =>
    setTypes((all) => all.map((t, i) => (i === index ? { ...t, ...patch } : t)));
  const setOverride = (index: number, next: DateOverride) =>
    set(
      'dateOverrides',
      rules.dateOverrides.map((o, i) => (i === index ? next : o)),
    );
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  const number = (
    key:
      | 'bufferBeforeMinutes'
      | 'bufferAfterMinutes'
      | 'minimumNoticeMinutes'
      | 'maxDaysAhead'
      | 'slotIntervalMinutes',
    label: string,
    hint: string,
  ) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <input
        id={`${id}-${key}`}
        type="number"
        inputMode="numeric"
        min={0}
        value={Number.isNaN(rules[key]) ? '' : rules[key]}
        onChange={(e) => set(key, e.target.value === '' ? Number.NaN : Number(e.target.value))}
        aria-invalid={errorAt(`rules.${key}`) ? true : undefined}
      />
      <span className="hint">{hint}</span>
      {errorAt(`rules.${key}`) && <span className="field-error">{errorAt(`rules.${key}`)}</span>}
    </div>
  );

  return (
    <form className="availability-form" onSubmit={onSubmit} noValidate aria-label="Availability">
      {conflict ? (
        <div role="alert" className="alert">
          <p>{errorMessageOf(save.error)}</p>
          <button type="button" className="button" onClick={onReload} disabled={reloading}>
            {reloading ? 'Reloading…' : 'Reload their changes'}
          </button>
        </div>
      ) : (
        save.error && <ErrorAlert error={save.error} details={[]} />
      )}

      <section className="panel" aria-labelledby={`${id}-zone`}>
        <h2 id={`${id}-zone`}>Time zone</h2>
        <div className="field">
          <label htmlFor={`${id}-timeZone`}>Your hours are in</label>
          <select
            id={`${id}-timeZone`}
            value={rules.timeZone}
            onChange={(e) => set('timeZone', e.target.value)}
            aria-invalid={errorAt('rules.timeZone') ? true : undefined}
          >
            {zones.map((zone) => (
              <option key={zone} value={zone}>
                {zone.replaceAll('_', ' ')}
              </option>
            ))}
          </select>
          {errorAt('rules.timeZone') && <span className="field-error">{errorAt('rules.timeZone')}</span>}
        </div>
      </section>

      <section className="panel" aria-labelledby={`${id}-weekly`}>
        <h2 id={`${id}-weekly`}>Weekly hours</h2>
        {DAYS.map(({ key, label }) => {
          const ranges = rules.weeklyHours[key];
          const path = `rules.weeklyHours.${key}`;
          return (
            <fieldset key={key} className="day-hours">
              <legend>
                <label className="check">
                  <input
                    type="checkbox"
                    checked={ranges.length > 0}
                    onChange={(e) =>
                      set('weeklyHours', {
                        ...rules.weeklyHours,
                        [key]: e.target.checked ? [DEFAULT_RANGE] : [],
                      })
                    }
                  />
                  {label}
                </label>
              </legend>
              {ranges.length === 0 ? (
                <span className="muted">Unavailable</span>
              ) : (
                <Ranges
                  label={label}
                  path={path}
                  ranges={ranges}
                  errorAt={errorAt}
                  onChange={(next) => set('weeklyHours', { ...rules.weeklyHours, [key]: next })}
                />
              )}
            </fieldset>
          );
        })}
      </section>

      <section className="panel" aria-labelledby={`${id}-overrides`}>
        <h2 id={`${id}-overrides`}>Date overrides</h2>
        <p className="hint">Block a day off, or add hours to a day (or replace its hours).</p>
        {rules.dateOverrides.map((override, index) => {
          const path = `rules.dateOverrides.${index}`;
          const name = override.date || `override ${index + 1}`;
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: overrides have no id; the date may be blank while typed
            <fieldset key={index} className="override">
              <legend className="visually-hidden">Override {index + 1}</legend>
              <div className="override-row">
                <div className="field">
                  <label htmlFor={`${id}-od-${index}`}>Date</label>
                  <input
                    id={`${id}-od-${index}`}
                    type="date"
                    value={override.date}
                    onChange={(e) => setOverride(index, { ...override, date: e.target.value })}
                    aria-invalid={errorAt(`${path}.date`) ? true : undefined}
                  />
                </div>
                <div className="field">
                  <label htmlFor={`${id}-ot-${index}`}>That day</label>
                  <select
                    id={`${id}-ot-${index}`}
                    value={override.type}
                    onChange={(e) => {
                      const type = e.target.value as DateOverride['type'];
                      const hours = 'hours' in override ? override.hours : [DEFAULT_RANGE];
                      setOverride(
                        index,
                        type === 'blocked'
                          ? { type, date: override.date }
                          : { type, date: override.date, hours },
                      );
                    }}
                  >
                    <option value="blocked">Blocked</option>
                    <option value="extra">Extra hours</option>
                    <option value="replace">Only these hours</option>
                  </select>
                </div>
                <button
                  type="button"
                  className="button small danger"
                  aria-label={`Remove ${name}`}
                  onClick={() =>
                    set(
                      'dateOverrides',
                      rules.dateOverrides.filter((_, i) => i !== index),
                    )
                  }
                >
                  Remove
                </button>
              </div>
              {override.type !== 'blocked' && (
                <Ranges
                  label={name}
                  path={`${path}.hours`}
                  ranges={override.hours}
                  errorAt={errorAt}
                  onChange={(hours) => setOverride(index, { ...override, hours })}
                />
              )}
              {errorAt(path) && !errorAt(`${path}.hours`) && (
                <span className="field-error">{errorAt(path)}</span>
              )}
            </fieldset>
          );
        })}
        <button
          type="button"
          className="button"
          onClick={() => set('dateOverrides', [...rules.dateOverrides, { type: 'blocked', date: '' }])}
        >
          Add a date
        </button>
      </section>

      <section className="panel" aria-labelledby={`${id}-types`}>
        <h2 id={`${id}-types`}>Meeting types</h2>
        <p className="muted small-print">
          Video meetings use your default room from <Link to="/calendars">Calendars</Link> unless a type picks
          its own.
        </p>
        {types.map((type, index) => {
          const path = `meetingTypes.${index}`;
          const fid = `${id}-mt-${index}`;
          return (
            <fieldset key={type.id} className="meeting-type form-grid">
              <legend className="visually-hidden">{type.name || `Meeting type ${index + 1}`}</legend>
              <div className="field">
                <label htmlFor={`${fid}-name`}>Name</label>
                <input
                  id={`${fid}-name`}
                  value={type.name}
                  onChange={(e) => setType(index, { name: e.target.value })}
                  aria-invalid={errorAt(`${path}.name`) ? true : undefined}
                />
                {errorAt(`${path}.name`) && <span className="field-error">{errorAt(`${path}.name`)}</span>}
              </div>
              <div className="field">
                <label htmlFor={`${fid}-duration`}>Length (minutes)</label>
                <input
                  id={`${fid}-duration`}
                  type="number"
                  inputMode="numeric"
                  min={5}
                  step={5}
                  value={Number.isNaN(type.durationMinutes) ? '' : type.durationMinutes}
                  onChange={(e) =>
                    setType(index, {
                      durationMinutes: e.target.value === '' ? Number.NaN : Number(e.target.value),
                    })
                  }
                  aria-invalid={errorAt(`${path}.durationMinutes`) ? true : undefined}
                />
                {errorAt(`${path}.durationMinutes`) && (
                  <span className="field-error">{errorAt(`${path}.durationMinutes`)}</span>
                )}
              </div>
              <div className="field">
                <label htmlFor={`${fid}-location`}>Where</label>
                <select
                  id={`${fid}-location`}
                  value={type.location}
                  onChange={(e) => setType(index, { location: e.target.value as MeetingLocation })}
                >
                  {LOCATIONS.map((l) => (
                    <option key={l.value} value={l.value}>
                      {l.label}
                    </option>
                  ))}
                </select>
              </div>
              {type.location === 'video' && video.data && (
                <div className="field">
                  <label htmlFor={`${fid}-video`}>Video room</label>
                  <select
                    id={`${fid}-video`}
                    value={type.video ?? 'default'}
                    onChange={(e) => setType(index, { video: e.target.value as MeetingTypeVideo })}
                  >
                    <option value="default">
                      Your default ({VIDEO_LABELS[video.data.provider].split(' — ')[0]})
                    </option>
                    {video.data.available
                      .filter((c): c is Exclude<VideoChoice, 'auto'> => c !== 'auto')
                      .map((c) => (
                        <option key={c} value={c}>
                          {VIDEO_LABELS[c]}
                        </option>
                      ))}
                  </select>
                </div>
              )}
              <label className="check">
                <input
                  type="checkbox"
                  checked={type.active}
                  onChange={(e) => setType(index, { active: e.target.checked })}
                />
                Bookable
              </label>
              <div className="field wide">
                <label htmlFor={`${fid}-description`}>Description</label>
                <textarea
                  id={`${fid}-description`}
                  rows={2}
                  value={type.description}
                  onChange={(e) => setType(index, { description: e.target.value })}
                />
              </div>
              <div className="wide">
                <button
                  type="button"
                  className="button small danger"
                  disabled={types.length === 1}
                  aria-label={`Remove ${type.name || `meeting type ${index + 1}`}`}
                  onClick={() => setTypes((all) => all.filter((_, i) => i !== index))}
                >
                  Remove
                </button>
              </div>
            </fieldset>
          );
        })}
        {errorAt('meetingTypes') && !types.some((_, i) => errorAt(`meetingTypes.${i}`)) && (
          <p className="field-error">{errorAt('meetingTypes')}</p>
        )}
        <button
          type="button"
          className="button"
          onClick={() =>
            setTypes((all) => [
              ...all,
              {
                id: `type-${crypto.randomUUID().slice(0, 8)}`,
                name: '',
                durationMinutes: rules.meetingLengths[0] ?? 30,
                description: '',
                location: 'video',
                video: 'default',
                active: true,
              },
            ])
          }
        >
          Add a meeting type
        </button>
      </section>

      <section className="panel" aria-labelledby={`${id}-limits`}>
        <h2 id={`${id}-limits`}>Limits</h2>
        <div className="form-grid">
          {number('bufferBeforeMinutes', 'Buffer before (minutes)', 'Free time kept before each meeting.')}
          {number('bufferAfterMinutes', 'Buffer after (minutes)', 'Free time kept after each meeting.')}
          {number(
            'minimumNoticeMinutes',
            'Minimum notice (minutes)',
            '240 = nobody books less than 4 hours ahead.',
          )}
          {number('maxDaysAhead', 'Days ahead', 'How far ahead contacts can book.')}
          <div className="field">
            <label htmlFor={`${id}-maxMeetingsPerDay`}>Meetings per day</label>
            <input
              id={`${id}-maxMeetingsPerDay`}
              type="number"
              inputMode="numeric"
              min={1}
              placeholder="No limit"
              value={rules.maxMeetingsPerDay ?? ''}
              onChange={(e) =>
                set('maxMeetingsPerDay', e.target.value === '' ? null : Number(e.target.value))
              }
              aria-invalid={errorAt('rules.maxMeetingsPerDay') ? true : undefined}
            />
            <span className="hint">Empty: no limit.</span>
            {errorAt('rules.maxMeetingsPerDay') && (
              <span className="field-error">{errorAt('rules.maxMeetingsPerDay')}</span>
            )}
          </div>
          {number('slotIntervalMinutes', 'Start times every (minutes)', 'From the start of each range.')}
        </div>
      </section>

      <div className="form-actions">
        <button type="submit" className="button primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save availability'}
        </button>
      </div>
    </form>
  );
}

const errorMessageOf = (error: unknown) => (error instanceof Error ? error.message : '');

/** One day's ranges, each start–end with remove, and "Add hours". */
function Ranges({
  label,
  path,
  ranges,
  errorAt,
  onChange,
}: {
  label: string;
  path: string;
  ranges: TimeRange[];
  errorAt: FieldErrors;
  onChange: (ranges: TimeRange[]) => void;
}) {
  const edit = (index: number, patch: Partial<TimeRange>) =>
    onChange(ranges.map((r, i) => (i === index ? { ...r, ...patch } : r)));
  const last = ranges[ranges.length - 1];
  return (
    <div className="ranges">
      {ranges.map((range, index) => {
        const error = errorAt(`${path}.${index}`);
        const time = (key: 'start' | 'end', words: string) => (
          <input
            className="time-input"
            aria-label={`${label} ${words} ${index + 1}`}
            inputMode="numeric"
            placeholder="09:00"
            maxLength={5}
            value={range[key]}
            onChange={(e) => edit(index, { [key]: e.target.value })}
            aria-invalid={errorAt(`${path}.${index}.${key}`) || (key === 'start' && error) ? true : undefined}
          />
        );
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: a range is its position; error paths use the index too
          <div key={index} className="range-row">
            {time('start', 'from')}
            <span aria-hidden="true">–</span>
            {time('end', 'until')}
            <button
              type="button"
              className="button small icon"
              aria-label={`Remove ${label} ${range.start}–${range.end}`}
              onClick={() => onChange(ranges.filter((_, i) => i !== index))}
            >
              ×
            </button>
            {error && <span className="field-error range-error">{error}</span>}
          </div>
        );
      })}
      <button
        type="button"
        className="link-button"
        onClick={() =>
          onChange([
            ...ranges,
            last && last.end < '23:00' ? { start: last.end, end: nextHour(last.end) } : DEFAULT_RANGE,
          ])
        }
      >
        Add hours{ranges.length === 0 ? '' : ` to ${label}`}
      </button>
    </div>
  );
}

function nextHour(hhmm: string): string {
  const hour = Math.min(24, Number(hhmm.slice(0, 2)) + 1);
  return `${String(hour).padStart(2, '0')}:${hour === 24 ? '00' : hhmm.slice(3, 5)}`;
}

/** Next week's free slots for one saved meeting type, as contacts would see them (no busy time yet). */
function Preview({ meetingTypes }: { meetingTypes: MeetingType[] }) {
  const [typeId, setTypeId] = useState<string | undefined>(undefined);
  const { data, error, isPending, isFetching } = useQuery(previewQuery(typeId));
  const id = useId();
  const total = data?.days.reduce((n, d) => n + d.slots.length, 0) ?? 0;
  return (
    <section className="panel availability-preview" aria-labelledby={`${id}-title`} aria-busy={isFetching}>
      <h2 id={`${id}-title`}>Next 7 days</h2>
      <div className="field">
        <label htmlFor={`${id}-type`}>Meeting type</label>
        <select
          id={`${id}-type`}
          value={typeId ?? data?.meetingType.id ?? ''}
          onChange={(e) => setTypeId(e.target.value)}
        >
          {meetingTypes.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name} ({t.durationMinutes} min)
            </option>
          ))}
        </select>
      </div>
      {error && <ErrorAlert error={error} />}
      {isPending && <p aria-live="polite">Loading slots…</p>}
      {data && (
        <>
          <p className="muted" aria-live="polite">
            {total === 1 ? '1 slot' : `${total} slots`} in {data.timeZone.replaceAll('_', ' ')} (saved
            settings).
          </p>
          <ul className="preview-days">
            {data.days.map((day) => (
              <li key={day.date}>
                <h3>{formatDay(day.date)}</h3>
                {day.slots.length === 0 ? (
                  <span className="muted">No slots</span>
                ) : (
                  <ul className="preview-slots" aria-label={`Slots on ${formatDay(day.date)}`}>
                    {day.slots.map((slot) => (
                      <li key={slot.start} className="preview-slot">
                        {slot.local}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** "Mon 2 Mar" for a local date, without shifting it through the browser's zone. */
function formatDay(date: string): string {
  return new Intl.DateTimeFormat(undefined, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  }).format(new Date(`${date}T12:00:00Z`));
}
