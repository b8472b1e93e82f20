import { json, param, parseJson, withUser } from '../_shared/http.js';
import { registerHttp, registerTimer } from '../_shared/registry.js';
import { ownersAtHour } from '../leads/morning.js';
import { ownersWithZones } from '../leads/store.js';
import {
  getReportSettings,
  listReports,
  makeDailyReport,
  makeReportNow,
  putReportSettings,
  REPORT_HOUR,
  readReport,
  yesterdayOf,
} from './reports.js';
import { ReportCreate, ReportSettings } from './schema.js';
import { reportDeps } from './store.js';

/** The owner's daily reports, newest first (GET); make one now (POST { date? }, yesterday by default). */
registerHttp('reports', {
  route: 'reports',
  methods: ['GET', 'POST'],
  handler: withUser(async ({ req, user }) => {
    if (req.method === 'POST') {
      const { date } = await parseJson(ReportCreate, req);
      return json(201, await makeReportNow(user.userId, date, reportDeps()));
    }
    return json(200, await listReports(user.userId, reportDeps()));
  }),
});

/** Whether the morning's report is emailed to the owner too (off until turned on). */
registerHttp('report-settings', {
  route: 'report-settings',
  methods: ['GET', 'PUT'],
  handler: withUser(async ({ req, user }) => {
    if (req.method === 'PUT')
      return json(
        200,
        await putReportSettings(user.userId, await parseJson(ReportSettings, req), reportDeps()),
      );
    return json(200, await getReportSettings(user.userId, reportDeps()));
  }),
});

/** One report as the .xlsx file. */
registerHttp('reports-one', {
  route: 'reports/{id}',
  methods: ['GET'],
  handler: withUser(async ({ req, user }) => {
    const { fileName, bytes } = await readReport(user.userId, param(req, 'id'), reportDeps());
    return {
      status: 200,
      body: bytes,
      headers: {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': `attachment; filename="${fileName}"`,
        'cache-control': 'no-store',
      },
    };
  }),
});

/** Hourly: each owner whose local time is 07:xx gets yesterday's report (made once per day). */
registerTimer('reports-daily', {
  schedule: '0 10 * * * *',
  handler: async (_timer, ctx) => {
    const deps = reportDeps();
    for (const owner of ownersAtHour(await ownersWithZones(), deps.now(), REPORT_HOUR)) {
      await makeDailyReport(owner.ownerId, await yesterdayOf(owner.ownerId, deps), deps).catch((err: Error) =>
        ctx.error(`Daily report not made: ${err.message}`),
      );
    }
  },
});
