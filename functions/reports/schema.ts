import { z } from 'zod';

/** A report's id is the local day it covers. */
export const ReportId = z.iso.date({ error: 'a report id is its day, YYYY-MM-DD' });

export interface ReportDto {
  id: string;
  /** The local day it covers (activity), and when it was made. */
  date: string;
  createdAt: string;
  size: number;
  fileName: string;
}

export interface ReportListDto {
  items: ReportDto[];
}

/**
 * POST /api/reports: make a day's report now (yesterday in the owner's zone when no date; "today"
 * is the owner's today, whatever day the browser's clock shows).
 */
export const ReportCreate = z.object({ date: z.union([ReportId, z.literal('today')]).optional() }).strict();
export type ReportCreate = z.infer<typeof ReportCreate>;

/** GET / PUT /api/report-settings: whether the morning's report is emailed to the owner too. */
export const ReportSettings = z.object({ emailDailyReport: z.boolean() }).strict();
export type ReportSettingsDto = z.infer<typeof ReportSettings>;
