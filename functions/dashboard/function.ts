import { json, parseQuery, withUser } from '../_shared/http.js';
import { registerHttp } from '../_shared/registry.js';
import { readDashboard } from './dashboard.js';
import { countingDeps } from './deps.js';
import { DashboardQuery } from './schema.js';
import { readCounters, templateNames } from './store.js';

/** Counts and rates over a period, per day, per template and per send time (?from&to&campaign). */
registerHttp('dashboard', {
  route: 'dashboard',
  methods: ['GET'],
  handler: withUser(async ({ req, user }) =>
    json(
      200,
      await readDashboard(user.userId, parseQuery(DashboardQuery, req), {
        now: () => new Date(),
        zoneOf: countingDeps().zoneOf,
        counters: readCounters,
        templateNames,
      }),
    ),
  ),
});
