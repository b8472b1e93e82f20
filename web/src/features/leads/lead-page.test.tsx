import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { contact, json, stubFetch } from '../../test/fake-api';
import { renderApp } from '../../test/render-app';
import { fakeLeadsApi, lead } from './fake-leads';

const ADA = lead({
  id: 'c-ada',
  name: 'Ada Lovelace',
  company: 'Analytical Engines',
  stage: 'meeting',
  stageSince: '2026-03-09T10:00:00.000Z',
  stageBy: 'event',
});

describe('lead page', () => {
  it('sets a next action: saved with PATCH, shown on the lead and on its timeline', async () => {
    const api = fakeLeadsApi([ADA]);
    api.state.timeline = [
      {
        at: '2026-03-09T10:00:00.000Z',
        kind: 'stage',
        title: 'Moved to Meeting booked (meeting booked)',
        ref: 'e-1',
      },
    ];
    const calls = stubFetch(api.handle);
    const { user } = renderApp('/leads/c-ada');

    expect(await screen.findByRole('heading', { name: 'Ada Lovelace', level: 1 })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Open contact page' }).getAttribute('href')).toBe(
      '/contacts/c-ada',
    );
    expect((screen.getByLabelText('Current stage') as HTMLSelectElement).value).toBe('meeting');
    const timeline = screen.getByRole('region', { name: 'Timeline' });
    expect(await within(timeline).findByText('Moved to Meeting booked (meeting booked)')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Set next action' }));
    const form = screen.getByRole('form', { name: 'Next action' });
    fireEvent.change(within(form).getByLabelText('Date'), { target: { value: '2026-03-12' } });
    await user.type(within(form).getByLabelText('What to do'), 'Send the proposal');
    await user.click(within(form).getByRole('button', { name: 'Save next action' }));

    await waitFor(() => expect(screen.queryByRole('form', { name: 'Next action' })).toBeNull());
    expect(calls.find((c) => c.method === 'PATCH')).toMatchObject({
      path: '/api/leads/c-ada',
      body: { nextAction: { on: '2026-03-12', note: 'Send the proposal' } },
    });
    const next = screen.getByRole('region', { name: 'Next action' });
    expect(next.textContent).toContain('Send the proposal');
    expect(await within(timeline).findByText('Next action on Mar 12, 2026: Send the proposal')).toBeTruthy();
  });

  it('says what went wrong when the next action is refused, keeping what was typed', async () => {
    const api = fakeLeadsApi([ADA]);
    api.state.refuse = { status: 400, message: 'nextAction.on: a date as YYYY-MM-DD' };
    stubFetch(api.handle);
    const { user } = renderApp('/leads/c-ada');
    await user.click(await screen.findByRole('button', { name: 'Set next action' }));
    const form = screen.getByRole('form', { name: 'Next action' });
    await user.type(within(form).getByLabelText('What to do'), 'Call back');
    await user.click(within(form).getByRole('button', { name: 'Save next action' }));
    expect((await within(form).findByRole('alert')).textContent).toContain('a date as YYYY-MM-DD');
    expect((within(form).getByLabelText('What to do') as HTMLTextAreaElement).value).toBe('Call back');
  });

  it('says so when the lead does not exist', async () => {
    stubFetch(fakeLeadsApi([]).handle);
    renderApp('/leads/c-gone');
    expect(await screen.findByRole('heading', { name: 'Lead not found' })).toBeTruthy();
  });

  it('shows the next action and the latest timeline on the contact page, with the way to the lead', async () => {
    const api = fakeLeadsApi([{ ...ADA, nextAction: { on: '2026-03-08', note: 'Send the deck' } }]);
    api.state.timeline = Array.from({ length: 7 }, (_, i) => ({
      at: `2026-03-0${i + 1}T10:00:00.000Z`,
      kind: 'email' as const,
      title: `Email sent — Spring outreach, step ${7 - i}`,
      ref: `m-${i}`,
    }));
    const ada = contact({ id: 'c-ada', firstName: 'Ada', lastName: 'Lovelace', status: 'meeting' });
    stubFetch((call) => (call.path.startsWith('/api/leads') ? api.handle(call) : json(ada)));
    renderApp('/contacts/c-ada');
    const panel = await screen.findByRole('region', { name: 'Pipeline' });
    expect(await within(panel).findByText(/Overdue: .* — Send the deck/)).toBeTruthy();
    expect(await within(panel).findAllByText(/^Email sent/)).toHaveLength(5);
    expect(within(panel).getByRole('link', { name: 'See all 7 entries' }).getAttribute('href')).toBe(
      '/leads/c-ada',
    );
    expect(within(panel).getByRole('link', { name: 'Open as a lead' }).getAttribute('href')).toBe(
      '/leads/c-ada',
    );
  });
});
