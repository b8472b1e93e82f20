import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AssistantTurnDto } from '../../../../functions/bot/schema';
import { contact, json, stubFetch } from '../../test/fake-api';
import { renderApp } from '../../test/render-app';

const turn = (replies: Partial<AssistantTurnDto['replies'][number]>[]): AssistantTurnDto => ({
  conversationId: 'conv-0123456789abcdef',
  replies: replies.map((r) => ({ text: '', choices: [], links: [], ...r })),
});

/** The API's side: the contacts page's list, and the assistant answering by what it was sent. */
function serve(answers: Record<string, AssistantTurnDto>) {
  return stubFetch((call) => {
    if (call.path === '/api/bot/assistant') {
      const text = (call.body as { text: string }).text;
      return json(answers[text] ?? turn([{ text: "Sorry, I didn't understand that." }]));
    }
    if (call.path === '/api/contacts/c-jane')
      return json(contact({ id: 'c-jane', firstName: 'Jane', lastName: 'Doe' }));
    return json({ items: [], continuationToken: null, total: 0 });
  });
}

beforeEach(() => sessionStorage.clear());

describe('the Assistant panel', () => {
  it('opens from the header with suggested questions; a question answers with links to the contacts', async () => {
    const calls = serve({
      "What's on tomorrow?": turn([
        {
          text: '1 meeting tomorrow (Thu 3 Dec), New York time:\n• 15:00–15:30 Intro call with Jane Doe',
          links: [{ label: 'Jane Doe', href: '/contacts/c-jane' }],
        },
      ]),
    });
    const { user, router } = renderApp('/meetings');
    const toggle = await screen.findByRole('button', { name: 'Assistant' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    await user.click(toggle);
    const panel = screen.getByRole('dialog', { name: 'Assistant' });
    const chips = within(panel).getByRole('group', { name: 'Suggested questions' });
    await user.click(within(chips).getByRole('button', { name: "What's on tomorrow?" }));
    expect(await within(panel).findByText(/15:00–15:30 Intro call with Jane Doe/)).toBeTruthy();
    expect(calls.find((c) => c.path === '/api/bot/assistant')!.body).toEqual({ text: "What's on tomorrow?" });
    await user.click(within(panel).getByRole('link', { name: 'Jane Doe' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/contacts/c-jane'));
  });

  it('"Find 30 minutes with …" goes in the box to finish; times are buttons, then Yes/No; Yes books', async () => {
    const calls = serve({
      'Find 30 minutes with Jane next week': turn([
        {
          text: 'Free times for a 30-minute Intro call with Jane Doe (New York time):\n1. Mon 7 Dec, 09:00\n2. Tue 8 Dec, 09:00',
          choices: ['1. Mon 7 Dec, 09:00', '2. Tue 8 Dec, 09:00'],
        },
      ]),
      '2. Tue 8 Dec, 09:00': turn([
        { text: 'Book Tue 8 Dec 09:00–09:30 with Jane Doe? yes/no', choices: ['Yes', 'No'] },
      ]),
      Yes: turn([
        {
          text: 'Booked: Intro call with Jane Doe, Tue 8 Dec 09:00–09:30.',
          links: [
            { label: 'See it in Meetings', href: '/meetings' },
            { label: 'Jane Doe', href: '/contacts/c-jane' },
          ],
        },
      ]),
    });
    const { user } = renderApp('/contacts');
    await user.click(await screen.findByRole('button', { name: 'Assistant' }));
    const panel = screen.getByRole('dialog', { name: 'Assistant' });
    await user.click(within(panel).getByRole('button', { name: 'Find 30 minutes with …' }));
    const box = within(panel).getByRole('textbox', { name: 'Message to the assistant' });
    expect((box as HTMLInputElement).value).toBe('Find 30 minutes with ');
    expect(calls.filter((c) => c.path === '/api/bot/assistant')).toHaveLength(0);
    await user.type(box, 'Jane next week{Enter}');
    await user.click(await within(panel).findByRole('button', { name: '2. Tue 8 Dec, 09:00' }));
    expect(await within(panel).findByRole('button', { name: 'No' })).toBeTruthy();
    await user.click(within(panel).getByRole('button', { name: 'Yes' }));
    expect(await within(panel).findByText(/^Booked: Intro call with Jane Doe/)).toBeTruthy();
    expect(within(panel).getByRole('link', { name: 'See it in Meetings' }).getAttribute('href')).toBe(
      '/meetings',
    );
    const sent = calls.filter((c) => c.path === '/api/bot/assistant').map((c) => c.body);
    expect(sent).toEqual([
      { text: 'Find 30 minutes with Jane next week' },
      { text: '2. Tue 8 Dec, 09:00', conversationId: 'conv-0123456789abcdef' },
      { text: 'Yes', conversationId: 'conv-0123456789abcdef' },
    ]);
    expect(within(panel).queryByRole('button', { name: 'Yes' })).toBeNull();
  });

  it('Escape closes it and gives the focus back to the button, keeping the conversation; a failure says what went wrong', async () => {
    stubFetch((call) =>
      call.path === '/api/bot/assistant'
        ? json(
            { error: { code: 'RATE_LIMITED', message: 'Too many messages — try again in 30 seconds.' } },
            429,
          )
        : json({ items: [], continuationToken: null, total: 0 }),
    );
    const { user } = renderApp('/contacts');
    const toggle = await screen.findByRole('button', { name: 'Assistant' });
    await user.click(toggle);
    const panel = screen.getByRole('dialog', { name: 'Assistant' });
    await user.click(within(panel).getByRole('button', { name: "Who hasn't replied?" }));
    expect(await within(panel).findByText('Too many messages — try again in 30 seconds.')).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Assistant' })).toBeNull();
    expect(document.activeElement).toBe(toggle);
    // Opened again, the conversation is still there.
    await user.click(toggle);
    const log = within(screen.getByRole('dialog', { name: 'Assistant' })).getByRole('log', {
      name: 'Conversation',
    });
    expect(log.textContent).toContain("You: Who hasn't replied?");
    expect(screen.getByRole('dialog', { name: 'Assistant' }).textContent).toContain('Too many messages');
  });
});
