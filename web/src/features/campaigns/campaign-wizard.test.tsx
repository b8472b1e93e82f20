import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CampaignInput, SenderDto, SenderInput } from '../../../../functions/campaigns/schema';
import {
  apiError,
  campaign,
  contactPage,
  json,
  preview,
  sender,
  stubFetch,
  template,
  VARIABLES,
} from '../../test/fake-api';
import { renderApp } from '../../test/render-app';

const templates = [
  template({ id: 'tpl-1', name: 'First touch' }),
  template({ id: 'tpl-2', name: 'Second touch', subject: 'Following up' }),
];

function campaignsApi({ senderOverrides = {} as Partial<SenderDto> } = {}) {
  let stored = sender({ id: 'snd-1', ...senderOverrides });
  let draft: ReturnType<typeof campaign> | null = null;
  const calls = stubFetch(({ method, path, body }) => {
    if (path === '/api/campaigns/audience') {
      const audience = (body as { audience: CampaignInput['audience'] }).audience;
      if ('filter' in audience && audience.filter.tag === 'founders')
        return json({ count: 340, withoutEmail: 12, suppressed: 3 });
      return json({ count: 1000, withoutEmail: 0, suppressed: 0 });
    }
    if (path === '/api/templates') return json({ items: templates });
    if (path === '/api/templates/variables') return json({ items: VARIABLES });
    if (path === '/api/templates/preview')
      return json(preview({ missing: { company: 2 }, audienceSize: 340 }));
    if (path === '/api/senders') return json({ items: [stored] });
    if (path === '/api/senders/snd-1' && method === 'PUT') {
      stored = { ...stored, ...(body as SenderInput) } as SenderDto;
      return json(stored);
    }
    if (path === '/api/campaigns' && method === 'POST') {
      draft = campaign({ id: 'cmp-1', ...(body as object), status: 'draft' } as never);
      return json(draft, 201);
    }
    if (path === '/api/campaigns/cmp-1' && method === 'PUT') {
      draft = { ...(draft as ReturnType<typeof campaign>), ...(body as object) };
      return json(draft);
    }
    if (path === '/api/campaigns/cmp-1/start') {
      if (!stored.postalAddress)
        return apiError(400, 'VALIDATION', 'This campaign cannot start yet.', [
          { path: 'sender.postalAddress', message: 'The sender has no postal address.' },
        ]);
      draft = { ...(draft as ReturnType<typeof campaign>), status: 'sending' };
      return json(draft);
    }
    if (path === '/api/campaigns/cmp-1') return json(draft);
    if (path === '/api/campaigns/cmp-1/messages') return json({ items: [], continuationToken: null });
    if (path === '/api/contacts') return contactPage([]);
    return json({ items: [] });
  });
  return calls;
}

const next = (user: ReturnType<typeof renderApp>['user']) =>
  user.click(screen.getByRole('button', { name: /^Next:/ }));

describe('campaign wizard', () => {
  it('shows the live audience count and sends the CampaignInput it was set up with (UTC start)', async () => {
    const calls = campaignsApi();
    const { user, router } = renderApp('/campaigns/new');

    // Audience: a tag and a status; the count follows, with who will be skipped.
    await user.type(await screen.findByLabelText('Tag'), 'founders');
    await user.selectOptions(screen.getByLabelText('Status'), 'new');
    await waitFor(() =>
      expect(screen.getByTestId('audience-count').textContent).toContain('340 contacts match'),
    );
    expect(screen.getByTestId('audience-count').textContent).toContain(
      '12 without an email address, 3 on the suppression list',
    );
    const lastCount = calls.filter((c) => c.path === '/api/campaigns/audience').at(-1);
    expect(lastCount?.body).toEqual({ audience: { filter: { tag: 'founders', status: 'new' } } });
    await next(user);

    // Template, with its preview for this audience.
    await user.click(await screen.findByRole('radio', { name: /First touch/ }));
    expect(await screen.findByText(/2 of 340 contacts have no company/)).toBeTruthy();
    await next(user);

    await user.click(await screen.findByRole('radio', { name: /Jordan Reyes/ }));
    await next(user);

    // One follow-up, four days later, that still goes to people who booked.
    await user.click(screen.getByRole('button', { name: 'Add follow-up' }));
    await user.selectOptions(screen.getByLabelText('Template'), 'tpl-2');
    const delay = screen.getByLabelText('After (days)');
    await user.clear(delay);
    await user.type(delay, '4');
    const rules = screen.getByRole('group', { name: /Don’t send if/ });
    for (const box of within(rules).getAllByRole('checkbox'))
      expect((box as HTMLInputElement).checked).toBe(true);
    await user.click(within(rules).getByRole('checkbox', { name: 'booked a meeting' }));
    await next(user);

    // A start date in the viewer's zone, sent as UTC.
    await user.click(screen.getByRole('radio', { name: 'At a date and time' }));
    const local = `${new Date().getFullYear() + 1}-06-01T09:30`;
    fireEvent.change(screen.getByLabelText(/Start at/), { target: { value: local } });
    await next(user);

    expect(await screen.findByRole('heading', { name: 'Review' })).toBeTruthy();
    const name = screen.getByLabelText('Campaign name');
    await user.clear(name);
    await user.type(name, 'Founders, June');
    expect(screen.getByText(/Contacts tagged “founders”, with status New — 340 contacts/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Schedule campaign' }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/campaigns/cmp-1'));
    const created = calls.find((c) => c.path === '/api/campaigns' && c.method === 'POST')
      ?.body as CampaignInput;
    expect(created).toEqual({
      name: 'Founders, June',
      audience: { filter: { tag: 'founders', status: 'new' } },
      senderId: 'snd-1',
      startAt: new Date(local).toISOString(),
      steps: [
        { templateId: 'tpl-1', delayDays: 0, stopOn: ['replied', 'booked', 'unsubscribed', 'bounced'] },
        { templateId: 'tpl-2', delayDays: 4, stopOn: ['replied', 'unsubscribed', 'bounced'] },
      ],
    });
    expect(created.startAt).toMatch(/Z$/);
    expect(calls.some((c) => c.path === '/api/campaigns/cmp-1/start')).toBe(true);
  });

  it('a start refused for the sender’s postal address says so and leads to the fix, then starts', async () => {
    const calls = campaignsApi({ senderOverrides: { postalAddress: '' } });
    const { user, router } = renderApp('/campaigns/new');
    await waitFor(() =>
      expect(screen.getByTestId('audience-count').textContent).toContain('1,000 contacts match'),
    );
    await next(user);
    await user.click(await screen.findByRole('radio', { name: /First touch/ }));
    await next(user);
    await user.click(await screen.findByRole('radio', { name: /Jordan Reyes/ }));
    expect(screen.getByText(/has no postal address yet/)).toBeTruthy();
    await next(user);
    await next(user);
    await next(user);
    await user.click(await screen.findByRole('button', { name: 'Start campaign' }));

    const alert = await screen.findByText(/Not started: the sender Jordan Reyes/);
    expect(alert.textContent).toContain('has no postal address');
    await user.click(screen.getByRole('button', { name: 'Add postal address' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit sender Jordan Reyes' });
    const address = within(dialog).getByLabelText('Postal address');
    expect(document.activeElement).toBe(address);
    await user.type(address, '1 Market St, San Francisco');
    await user.click(within(dialog).getByRole('button', { name: 'Save sender' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(calls.find((c) => c.method === 'PUT' && c.path === '/api/senders/snd-1')?.body).toMatchObject({
      postalAddress: '1 Market St, San Francisco',
    });

    await user.click(screen.getByRole('button', { name: 'Start campaign' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/campaigns/cmp-1'));
    // The draft made by the first try is updated, not duplicated.
    expect(calls.filter((c) => c.path === '/api/campaigns' && c.method === 'POST')).toHaveLength(1);
    expect(calls.some((c) => c.path === '/api/campaigns/cmp-1' && c.method === 'PUT')).toBe(true);
  });
});
