import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { stubFetch } from '../../test/fake-api';
import { renderApp } from '../../test/render-app';
import { fakeLeadsApi, lead } from './fake-leads';
import { COLUMN_PAGE_SIZE } from './queries';

const ADA = lead({
  id: 'c-ada',
  name: 'Ada Lovelace',
  company: 'Analytical Engines',
  stage: 'replied',
  source: 'linkedin',
  nextAction: { on: '2026-03-08', note: 'Send the deck' },
});
const GRACE = lead({ id: 'c-grace', name: 'Grace Hopper', company: 'Navy', stage: 'replied' });
const ALAN = lead({ id: 'c-alan', name: 'Alan Turing', stage: 'meeting' });

/** The board's column for a stage, found by its heading (the owner's name for it). */
const column = async (name: string) =>
  (await screen.findByRole('heading', { name: new RegExp(`^${name}`) })).closest('section')!;
/** The count a column's heading shows ("Replied, 2 leads" to a screen reader). */
const countOf = (section: HTMLElement) =>
  Number(section.querySelector('h2 .column-count')?.textContent?.replace(/\D/g, ''));
const names = (section: HTMLElement) =>
  within(section)
    .queryAllByRole('link')
    .map((a) => a.textContent);

describe('pipeline board', () => {
  it('shows one column per stage with its count, the cards’ details, and loads a long column in pages', async () => {
    const many = Array.from({ length: COLUMN_PAGE_SIZE + 3 }, (_, i) =>
      lead({ id: `c-new-${i}`, name: `New lead ${i + 1}` }),
    );
    const api = fakeLeadsApi([ADA, GRACE, ALAN, ...many]);
    stubFetch(api.handle);
    const { user } = renderApp('/leads');

    const replied = await column('Replied');
    await waitFor(() => expect(countOf(replied)).toBe(2));
    expect(names(replied)).toEqual(['Ada Lovelace', 'Grace Hopper']);
    const ada = within(replied).getByRole('link', { name: 'Ada Lovelace' }).closest('li')!;
    expect(ada.textContent).toContain('Analytical Engines');
    expect(ada.textContent).toContain('LinkedIn export');
    // Due on the 8th, today the 10th: it says overdue in words, not by colour alone.
    expect(within(ada).getByText(/Overdue/).className).toContain('overdue');
    expect(countOf(await column('Meeting booked'))).toBe(1);
    expect(within(await column('Won')).getByText('No leads here.')).toBeTruthy();

    const fresh = await column('New');
    expect(countOf(fresh)).toBe(COLUMN_PAGE_SIZE + 3);
    expect(names(fresh)).toHaveLength(COLUMN_PAGE_SIZE);
    await user.click(within(fresh).getByRole('button', { name: 'Show more New' }));
    await waitFor(() => expect(names(fresh)).toHaveLength(COLUMN_PAGE_SIZE + 3));
    expect(within(fresh).queryByRole('button', { name: /Show more/ })).toBeNull();

    // Follow-ups on top: Ada is overdue.
    const overdue = screen.getByRole('heading', { name: /^Overdue/ }).parentElement!;
    expect(overdue.textContent).toContain('Ada Lovelace');
    expect(overdue.textContent).toContain('Send the deck');
  });

  it('moves a card from the keyboard: the PATCH is sent and the card changes column at once', async () => {
    const api = fakeLeadsApi([ADA, GRACE, ALAN]);
    let release = () => {};
    api.state.hold = new Promise((resolve) => {
      release = resolve;
    });
    const calls = stubFetch(api.handle);
    const { user } = renderApp('/leads');
    const replied = await column('Replied');
    await waitFor(() => expect(names(replied)).toContain('Ada Lovelace'));

    const menu = within(replied).getByRole('combobox', { name: 'Move Ada Lovelace to' });
    menu.focus();
    await user.selectOptions(menu, 'Won');
    const won = await column('Won');
    // Before the API answers, Ada is already in Won and the counts say so.
    expect(names(won)).toEqual(['Ada Lovelace']);
    expect(names(replied)).toEqual(['Grace Hopper']);
    // The keyboard carries on from the card in its new column.
    expect(document.activeElement).toBe(within(won).getByRole('combobox', { name: 'Move Ada Lovelace to' }));
    expect(countOf(won)).toBe(1);
    expect(countOf(replied)).toBe(1);
    expect(calls.find((c) => c.method === 'PATCH')).toMatchObject({
      path: '/api/leads/c-ada',
      body: { stage: 'won' },
    });

    release();
    expect(await screen.findByText('Ada Lovelace moved to Won.')).toBeTruthy();
    await waitFor(() => expect(names(won)).toEqual(['Ada Lovelace']));
    expect(api.state.leads.find((l) => l.id === 'c-ada')?.stage).toBe('won');
  });

  it('puts the card back and says why when the move is refused', async () => {
    const api = fakeLeadsApi([ADA, GRACE, ALAN]);
    let release = () => {};
    api.state.hold = new Promise((resolve) => {
      release = resolve;
    });
    api.state.refuse = { status: 409, message: 'This lead was just changed by someone else.' };
    stubFetch(api.handle);
    const { user } = renderApp('/leads');
    const replied = await column('Replied');
    await waitFor(() => expect(names(replied)).toContain('Ada Lovelace'));

    await user.selectOptions(within(replied).getByRole('combobox', { name: 'Move Ada Lovelace to' }), 'Lost');
    const lost = await column('Lost');
    expect(names(lost)).toEqual(['Ada Lovelace']);

    release();
    expect(
      await screen.findByText(
        'Could not move Ada Lovelace to Lost: This lead was just changed by someone else. Ada Lovelace is back in Replied.',
      ),
    ).toBeTruthy();
    await waitFor(() => expect(names(replied)).toEqual(['Ada Lovelace', 'Grace Hopper']));
    expect(names(lost)).toEqual([]);
    expect(countOf(replied)).toBe(2);
  });

  it('renames a stage: the new name is saved and heads its column, the order unchanged', async () => {
    const api = fakeLeadsApi([ALAN]);
    const calls = stubFetch(api.handle);
    const { user } = renderApp('/leads');
    await column('Meeting booked');

    await user.click(screen.getByRole('button', { name: 'Rename stages' }));
    const dialog = await screen.findByRole('dialog', { name: 'Rename stages' });
    const field = within(dialog).getByLabelText('Meeting booked');
    await user.clear(field);
    await user.type(field, 'Demo set');
    await user.click(within(dialog).getByRole('button', { name: 'Save names' }));

    expect(await screen.findByText('Stage names saved.')).toBeTruthy();
    expect(calls.find((c) => c.method === 'PUT')?.body).toMatchObject({
      names: { meeting: 'Demo set', replied: 'Replied' },
    });
    const demo = await column('Demo set');
    expect(names(demo)).toEqual(['Alan Turing']);
    const headings = [...document.querySelectorAll('.board-column h2 > span:first-child')]
      .map((h) => h.textContent)
      .filter((t) => t && ['Replied', 'Demo set', 'Met'].includes(t));
    expect(headings).toEqual(['Replied', 'Demo set', 'Met']);
  });

  it('lists leads in a table with filters kept in the address', async () => {
    const api = fakeLeadsApi([ADA, GRACE, ALAN]);
    const calls = stubFetch(api.handle);
    const { user, router } = renderApp('/leads');
    await column('Replied');
    await user.click(screen.getByRole('button', { name: 'List' }));
    const table = await screen.findByRole('table', { name: 'Leads' });
    expect(within(table).getAllByRole('row')).toHaveLength(4);

    await user.selectOptions(screen.getByLabelText('Stage'), 'Meeting booked');
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(2));
    expect(within(table).getByRole('link', { name: 'Alan Turing' })).toBeTruthy();
    expect(router.state.location.search).toMatchObject({ view: 'list', stage: 'meeting' });
    expect(calls.some((c) => c.path === '/api/leads' && c.params.get('stage') === 'meeting')).toBe(true);
  });
});
