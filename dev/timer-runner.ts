import { CronExpressionParser } from 'cron-parser';
import type { Registration } from '../functions/_shared/registry.js';
import { type Logger, makeContext } from './host.js';

type TimerRegistration = Extract<Registration, { kind: 'timer' }>;

/** Fires timer triggers on their NCRONTAB schedule (six fields, seconds first), in UTC like Azure. */
export function startTimerTriggers(registrations: readonly Registration[], log: Logger) {
  const timers = new Set<NodeJS.Timeout>();
  let stopping = false;
  const running = new Set<Promise<unknown>>();

  for (const reg of registrations.filter((r): r is TimerRegistration => r.kind === 'timer')) {
    const schedule = CronExpressionParser.parse(reg.options.schedule, { tz: 'UTC' });
    const arm = () => {
      if (stopping) return;
      const next = schedule.next().getTime();
      const t = setTimeout(
        () => {
          timers.delete(t);
          const started = performance.now();
          const ctx = makeContext(reg.name, { trigger: { type: 'timerTrigger', name: 'timer' } }, log);
          const p = Promise.resolve(
            reg.options.handler({ isPastDue: Date.now() - next > 1000 } as never, ctx),
          )
            .then(
              () => log(`Executed '${reg.name}' (Succeeded, ${(performance.now() - started).toFixed(0)} ms)`),
              (err: Error) => log(`Executed '${reg.name}' (Failed): ${err.message}`),
            )
            .finally(() => running.delete(p));
          running.add(p);
          arm();
        },
        Math.max(0, next - Date.now()),
      );
      timers.add(t);
    };
    arm();
    log(`Timer '${reg.name}' scheduled: ${reg.options.schedule}`);
  }

  return {
    async stop(): Promise<void> {
      stopping = true;
      for (const t of timers) clearTimeout(t);
      await Promise.all(running);
    },
  };
}
