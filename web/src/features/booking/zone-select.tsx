import { useId, useMemo } from 'react';
import { zoneLabel, zoneOptions } from '../../lib/time-zone';

/** "Times are shown in" and every zone the browser knows; the visitor's own comes first by default. */
export function ZoneSelect({ value, onChange }: { value: string; onChange: (zone: string) => void }) {
  const id = useId();
  const zones = useMemo(() => zoneOptions(value), [value]);
  return (
    <div className="field zone-select">
      <label htmlFor={id}>Times are shown in</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {zones.map((zone) => (
          <option key={zone} value={zone}>
            {zoneLabel(zone)}
          </option>
        ))}
      </select>
    </div>
  );
}
