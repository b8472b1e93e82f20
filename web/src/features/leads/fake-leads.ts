import type { LeadDto, StageNamesDto, TimelineItem } from '../../../../functions/leads/schema';
import type { LeadStage } from '../../../../functions/leads/stages';
import { apiError, type FakeCall, json } from '../../test/fake-api';
import { STATUS_LABELS } from '../contacts/labels';
import { STAGES } from './queries';

export const lead = (overrides: Partial<LeadDto> & Pick<LeadDto, 'id' | 'name'>): LeadDto => ({
  stage: 'new',
  stageName: STATUS_LABELS[overrides.stage ?? 'new'],
  source: 'csv',
  tags: [],
  nextAction: null,
  createdAt: '2026-03-01T09:00:00.000Z',
  updatedAt: '2026-03-02T09:00:00.000Z',
  ...overrides,
});

/**
 * The leads API's side of the wire over a list kept in memory: columns page by `limit`, PATCH
 * moves and edits, stage names are saved. `refuse` makes the next PATCH fail as the API would.
 */
export function fakeLeadsApi(initial: LeadDto[], { today = '2026-03-10' } = {}) {
  const state = {
    leads: [...initial],
    names: {} as Partial<Record<LeadStage, string>>,
    timeline: [] as TimelineItem[],
    refuse: null as { status: number; message: string } | null,
    /** Resolved by the test to let a held PATCH answer (to see the optimistic move first). */
    hold: null as Promise<void> | null,
  };
  const stageNames = (): StageNamesDto => ({
    stages: STAGES.map((stage) => ({ stage, name: state.names[stage] || STATUS_LABELS[stage] })),
  });
  const handle = async ({ method, path, params, body }: FakeCall): Promise<Response> => {
    if (path === '/api/leads/stages') {
      if (method === 'PUT') state.names = (body as { names: typeof state.names }).names;
      return json(stageNames());
    }
    if (path === '/api/leads/followups') {
      const due = state.leads.filter((l) => l.nextAction && l.nextAction.on <= today);
      return json({
        today,
        timeZone: 'Europe/Berlin',
        dueToday: due.filter((l) => l.nextAction!.on === today),
        overdue: due.filter((l) => l.nextAction!.on < today),
      });
    }
    if (path === '/api/leads') {
      const matching = state.leads.filter((l) => !params.get('stage') || l.stage === params.get('stage'));
      const limit = Number(params.get('limit') ?? 50);
      const start = Number(params.get('continuationToken') ?? 0);
      const items = matching.slice(start, start + limit);
      const next = start + limit < matching.length ? String(start + limit) : null;
      return json({ items, continuationToken: next, total: start === 0 ? matching.length : null });
    }
    const timeline = path.match(/^\/api\/leads\/([^/]+)\/timeline$/);
    if (timeline) return json({ leadId: timeline[1], items: state.timeline });
    const one = path.match(/^\/api\/leads\/([^/]+)$/);
    const found = one && state.leads.find((l) => l.id === decodeURIComponent(one[1]!));
    if (one && !found) return apiError(404, 'NOT_FOUND', 'Lead not found.');
    if (found && method === 'PATCH') {
      if (state.hold) await state.hold;
      if (state.refuse) return apiError(state.refuse.status, 'CONFLICT', state.refuse.message);
      const patch = body as { stage?: LeadStage; nextAction?: LeadDto['nextAction'] };
      const updated = {
        ...found,
        ...(patch.stage && {
          stage: patch.stage,
          stageName: STATUS_LABELS[patch.stage],
          stageBy: 'manual' as const,
        }),
        ...(patch.nextAction !== undefined && { nextAction: patch.nextAction }),
        updatedAt: '2026-03-10T12:00:00.000Z',
      };
      state.leads = [updated, ...state.leads.filter((l) => l.id !== found.id)];
      if (patch.nextAction)
        state.timeline = [
          {
            at: '2026-03-10T12:00:00.000Z',
            kind: 'note',
            title: `Next action on ${patch.nextAction.on}: ${patch.nextAction.note}`,
            ref: 'n-1',
          },
          ...state.timeline,
        ];
      return json(updated);
    }
    if (found) return json(found);
    return json({ items: [] });
  };
  return { state, handle };
}
