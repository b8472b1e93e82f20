import { randomUUID } from 'node:crypto';
import type { CalendarProviderFactory } from '../_integrations/calendar/calendar-provider.js';
import { calendarProviders } from '../_integrations/calendar/registry.js';
import { AppError } from '../_shared/errors.js';
import type { ConnectionsDeps } from './connections.js';
import { cosmosConnectionStore } from './store.js';

export function connectionsDeps(): ConnectionsDeps {
  return {
    now: () => new Date(),
    newId: () => randomUUID(),
    store: cosmosConnectionStore,
    factory: (kind) => {
      const factory = (calendarProviders as Record<string, CalendarProviderFactory>)[kind];
      if (!factory) throw new AppError('UNPROCESSABLE', `${kind} calendars cannot be connected yet.`);
      return factory;
    },
  };
}
