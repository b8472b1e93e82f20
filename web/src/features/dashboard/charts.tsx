import {
  Bar,
  BarChart,
  CartesianGrid,
  LabelList,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { DashboardDto } from '../../../../functions/dashboard/schema';
import { formatCount } from '../../lib/format';
import { formatDay, formatHour, KIND_LABELS } from './labels';

const ACCENT = '#2456d6';
const SERIES = [
  { key: 'sent', color: '#2456d6' },
  { key: 'opened', color: '#0e8a6a' },
  { key: 'replied', color: '#b25e00' },
  { key: 'booked', color: '#8a2be2' },
] as const;

export function FunnelChart({ funnel }: { funnel: DashboardDto['funnel'] }) {
  const data = funnel.map((f) => ({ label: KIND_LABELS[f.stage], count: f.count }));
  return (
    <ResponsiveContainer width="100%" height={280}>
      <BarChart data={data} layout="vertical" margin={{ top: 4, right: 48, bottom: 4, left: 4 }}>
        <CartesianGrid horizontal={false} stroke="#e5e8ee" />
        <XAxis type="number" allowDecimals={false} tickFormatter={formatCount} />
        <YAxis type="category" dataKey="label" width={116} tickLine={false} />
        <Tooltip formatter={(v) => formatCount(Number(v))} />
        <Bar dataKey="count" name="Count" fill={ACCENT} radius={[0, 4, 4, 0]} isAnimationActive={false}>
          <LabelList dataKey="count" position="right" formatter={(v) => formatCount(Number(v))} />
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}

export function DailyChart({ series }: { series: DashboardDto['series'] }) {
  const data = series.map((d) => ({ ...d, label: formatDay(d.day) }));
  return (
    <ResponsiveContainer width="100%" height={280}>
      <LineChart data={data} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
        <CartesianGrid stroke="#e5e8ee" />
        <XAxis dataKey="label" minTickGap={24} />
        <YAxis allowDecimals={false} width={40} tickFormatter={formatCount} />
        <Tooltip />
        <Legend />
        {SERIES.map((s) => (
          <Line
            key={s.key}
            type="linear"
            dataKey={s.key}
            name={KIND_LABELS[s.key]}
            stroke={s.color}
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}

export function SendHourChart({ byHour }: { byHour: DashboardDto['sendTimes']['byHour'] }) {
  const data = byHour.map((h) => ({
    label: formatHour(h.hour),
    rate: h.replyRate === null ? 0 : Math.round(h.replyRate * 1000) / 10,
    sent: h.sent,
  }));
  return (
    <ResponsiveContainer width="100%" height={240}>
      <BarChart data={data} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
        <CartesianGrid vertical={false} stroke="#e5e8ee" />
        <XAxis dataKey="label" interval="preserveStartEnd" minTickGap={16} />
        <YAxis width={40} unit="%" />
        <Tooltip formatter={(v, name) => (name === 'Reply rate' ? `${v}%` : formatCount(Number(v)))} />
        <Bar dataKey="rate" name="Reply rate" fill={ACCENT} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}
