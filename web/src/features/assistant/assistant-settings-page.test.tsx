import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { TranscriptDto } from '../../../../functions/bot/schema';
import { json, stubFetch } from '../../test/fake-api';
import { renderApp } from '../../test/render-app';

const transcript: TranscriptDto = {
  id: 't-1',
  channelId: 'booking-page',
  contactId: 'c-jane',
  entries: [
    { from: 'visitor', text: "I'm Jane", at: '2026-11-30T10:00:00.000Z' },
    { from: 'bot', text: 'What is your email address?', at: '2026-11-30T10:00:01.000Z' },
  ],
  createdAt: '2026-11-30T10:00:00.000Z',
  updatedAt: '2026-11-30T10:00:01.000Z',
};

function serve({
  llm = false,
  transcripts = [transcript],
}: {
  llm?: boolean;
  transcripts?: TranscriptDto[];
} = {}) {
  let instruction = 'Be brief.';
  let items = transcripts;
  return stubFetch((call) => {
    if (call.path === '/api/bot/instructions') {
      if (call.method === 'PUT') instruction = (call.body as { instruction: string }).instruction;
      return json({ instruction, llm, updatedAt: '2026-11-30T09:00:00.000Z' });
    }
    if (call.path === '/api/bot/transcripts') return json({ items });
    if (call.path === '/api/bot/teams-link')
      return json(
        { code: 'K7Q2M9XD', command: 'link K7Q2M9XD', expiresAt: '2026-11-30T10:10:00.000Z', deepLink: null },
        201,
      );
    if (call.path === '/api/bot/logs/purge') {
      const deleted = items.length;
      items = [];
      return json({ deleted });
    }
    return json({ items: [] });
  });
}

describe('/settings/assistant', () => {
  it('says the AI is off and is switched by configuration; saves the instruction', async () => {
    const calls = serve();
    const { user } = renderApp('/settings/assistant');
    expect(await screen.findByText(/No AI model is switched on/)).toBeTruthy();
    expect(screen.getByText(/BOT_LLM_BASE_URL and BOT_LLM_MODEL/)).toBeTruthy();
    const box = await screen.findByRole('textbox', { name: /What your meetings are about/ });
    expect((box as HTMLTextAreaElement).value).toBe('Be brief.');
    const save = screen.getByRole('button', { name: 'Save instruction' });
    expect((save as HTMLButtonElement).disabled).toBe(true);
    await user.clear(box);
    await user.type(box, 'We sell payroll software.');
    await user.click(save);
    expect(await screen.findByText('Instruction saved.')).toBeTruthy();
    expect(calls.find((c) => c.method === 'PUT')!.body).toEqual({ instruction: 'We sell payroll software.' });
  });

  it('gives a one-time code to type in Teams', async () => {
    const calls = serve();
    const { user } = renderApp('/settings/assistant');
    await user.click(await screen.findByRole('button', { name: 'Get a Teams code' }));
    const code = (await screen.findByText(/^In Teams, send:/)).closest('p')!;
    expect(code.textContent).toMatch(/^In Teams, send: link K7Q2M9XD \(valid until/);
    expect(calls.filter((c) => c.path === '/api/bot/teams-link' && c.method === 'POST')).toHaveLength(1);
    expect(screen.getByRole('button', { name: 'Get a new code' })).toBeTruthy();
  });

  it('says when the AI is on', async () => {
    serve({ llm: true });
    renderApp('/settings/assistant');
    expect(await screen.findByText(/An AI model is switched on/)).toBeTruthy();
  });

  it('lists transcripts with downloads; deleting old chats asks first, then says how many went', async () => {
    const calls = serve();
    const { user } = renderApp('/settings/assistant');
    const section = (await screen.findByRole('heading', { name: 'Chat transcripts' })).closest('section')!;
    expect(await within(section).findByText(/Booking page chat · 2 messages/)).toBeTruthy();
    const exportAll = within(section).getByRole('link', { name: 'Export all as JSON' });
    expect(decodeURIComponent(exportAll.getAttribute('href')!)).toContain('"What is your email address?"');
    const text = within(section).getByRole('link', { name: 'Download as text' });
    expect(decodeURIComponent(text.getAttribute('href')!)).toContain("Visitor: I'm Jane");

    const days = within(section).getByRole('spinbutton', { name: /Delete chats with no new message for/ });
    await user.clear(days);
    await user.type(days, '30');
    await user.click(within(section).getByRole('button', { name: 'Delete old chats' }));
    expect(
      within(section).getByText(/in the last 30 days will be deleted\. This cannot be undone\./),
    ).toBeTruthy();
    expect(calls.some((c) => c.path === '/api/bot/logs/purge')).toBe(false);
    await user.click(within(section).getByRole('button', { name: 'Yes, delete them for good' }));
    expect(await within(section).findByText('Deleted 1 chat.')).toBeTruthy();
    expect(calls.find((c) => c.path === '/api/bot/logs/purge')!.body).toEqual({ olderThanDays: 30 });
    expect(await within(section).findByText(/No chats yet/)).toBeTruthy();
  });
});
