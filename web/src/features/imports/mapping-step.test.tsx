import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { importJob, json, stubFetch } from '../../test/fake-api';
import { renderApp } from '../../test/render-app';

const select = (header: string) => screen.getByLabelText<HTMLSelectElement>(`Map column "${header}"`);
const summary = () => screen.getByTestId('mapping-summary');
/** The summary as a person reads it (the go-to hint inside it is hidden). */
const summaryText = () => {
  const copy = summary().cloneNode(true) as HTMLElement;
  for (const hidden of copy.querySelectorAll('[hidden]')) hidden.remove();
  return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
};
const description = (element: Element) =>
  (element.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');

// The e2e walkthrough's trade-fair list: seven columns, "Event" unrecognised and on the far right.
const tradeFair = importJob({
  fileName: 'trade-fair-leads.xlsx',
  format: 'xlsx',
  headers: ['Full Name', 'E-mail', 'Organisation', 'Job Title', 'Phone', 'Country', 'Event'],
  mapping: ['fullName', 'email', 'company', 'title', 'phone', 'country', null],
  preview: [
    [
      'Hannah Becker',
      'hannah@northwind.example',
      'Northwind',
      'Head of Sales',
      '+49 30 1',
      'Germany',
      'SaaStr',
    ],
  ],
  totalRows: 25,
});

/** The mapping step of `job`; commits answer with a completed job, everything else with `job`. */
function mappingStep(job = tradeFair) {
  const calls = stubFetch(({ method, path }) => {
    if (method === 'POST' && path === `/api/imports/${job.id}/commit`)
      return json({ ...job, status: 'completed', completedAt: '2026-03-01T09:00:05.000Z' });
    if (path === `/api/imports/${job.id}`) return json(job);
    return json({ items: [], continuationToken: null });
  });
  return { calls, ...renderApp(`/imports/${job.id}`) };
}

describe('mapping step: what is mapped, at a glance', () => {
  it('sums up the mapping above the table, naming each ignored column', async () => {
    const { user } = mappingStep();
    await screen.findByRole('heading', { name: 'Match your columns' });

    expect(summaryText()).toBe('7 columns: 6 mapped, 1 ignored — Event');
    expect(
      within(summary())
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Event']);

    await user.selectOptions(select('Event'), 'tags');
    expect(summaryText()).toBe('7 columns, all mapped');
    expect(within(summary()).queryAllByRole('button')).toEqual([]);

    await user.selectOptions(select('Organisation'), '');
    await user.selectOptions(select('Phone'), '');
    expect(summaryText()).toBe('7 columns: 5 mapped, 2 ignored — Organisation, Phone');
  });

  it('scrolls to an ignored column and focuses its menu when its name is clicked', async () => {
    const scrolled: Element[] = [];
    const scrollIntoView = vi.spyOn(Element.prototype, 'scrollIntoView').mockImplementation(function (
      this: Element,
    ) {
      scrolled.push(this);
    });
    const { user } = mappingStep();
    await screen.findByRole('heading', { name: 'Match your columns' });

    const event = within(summary()).getByRole('button', { name: 'Event' });
    expect(description(event)).toBe('Goes to this column’s menu in the table below.');
    await user.click(event);

    expect(document.activeElement).toBe(select('Event'));
    expect(scrolled).toEqual([select('Event')]);
    expect(scrollIntoView).toHaveBeenCalledWith({ block: 'nearest', inline: 'center' });
    // From there the keyboard picks the field at once.
    await user.selectOptions(document.activeElement as HTMLSelectElement, 'tags');
    expect(select('Event').value).toBe('tags');
  });

  it('shades the cut edge and says so while columns are out of sight', async () => {
    mappingStep();
    const table = await screen.findByRole('table', { name: 'The first 1 of 25 rows' });
    const box = table.parentElement as HTMLElement;
    const frame = box.parentElement as HTMLElement;
    expect(frame.hasAttribute('data-hidden-after')).toBe(false);
    expect(summary().textContent).not.toContain('Scroll the table sideways');

    // Layout as at 1280 px: the table is twice as wide as its box.
    Object.defineProperty(box, 'clientWidth', { configurable: true, value: 1000 });
    Object.defineProperty(box, 'scrollWidth', { configurable: true, value: 2000 });
    box.scrollLeft = 0;
    fireEvent.scroll(box);
    await waitFor(() => expect(frame.hasAttribute('data-hidden-after')).toBe(true));
    expect(frame.hasAttribute('data-hidden-before')).toBe(false);
    expect(summary().textContent).toContain('Scroll the table sideways to see every column.');

    // Scrolled to the far right: now the hidden columns are on the left.
    Object.defineProperty(box, 'scrollLeft', { configurable: true, value: 1000 });
    fireEvent.scroll(box);
    await waitFor(() => expect(frame.hasAttribute('data-hidden-before')).toBe(true));
    expect(frame.hasAttribute('data-hidden-after')).toBe(false);
  });

  it('shows a short menu label where the full one would be cut, keeping the full text for screen readers', async () => {
    mappingStep();
    await screen.findByRole('heading', { name: 'Match your columns' });

    const fullName = select('Full Name');
    expect(within(fullName).getByRole('option', { selected: true }).textContent).toBe(
      'Full name (first + last)',
    );
    expect(description(fullName)).toBe('Full name (split into first and last)');
    expect(fullName.title).toBe('Full name (split into first and last)');
    // Labels short enough to fit need no second copy.
    expect(select('E-mail').hasAttribute('aria-describedby')).toBe(false);
  });
});

describe('mapping step: no column mapped to Email', () => {
  const warning = () => screen.queryByText('No column is mapped to Email.');

  it('warns before the import when the user unmaps Email, without blocking it', async () => {
    const { user, calls } = mappingStep();
    await screen.findByRole('heading', { name: 'Match your columns' });
    expect(warning()).toBeNull();

    await user.selectOptions(select('E-mail'), '');

    const status = warning()?.closest('[role="status"]') as HTMLElement;
    expect(status.textContent).toContain('imported without an email address and marked “no email”');
    const button = screen.getByRole('button', { name: 'Import 25 contacts' }) as HTMLButtonElement;
    expect(button.disabled).toBe(false);
    expect(button.getAttribute('aria-describedby')).toBe(status.id);

    await user.click(button);
    expect(await screen.findByRole('heading', { name: 'Import complete' })).toBeTruthy();
    expect(calls.find((c) => c.path.endsWith('/commit'))?.body).toEqual({
      mapping: ['fullName', null, 'company', 'title', 'phone', 'country', null],
    });
  });

  it('warns at once when the guessed mapping has no Email, and stops once one is chosen', async () => {
    const { user } = mappingStep(
      importJob({
        headers: ['Name', 'Contact', 'Company'],
        mapping: ['fullName', null, 'company'],
        preview: [['Ada Lovelace', 'ada@example.com', 'Analytical Engines']],
      }),
    );
    await screen.findByRole('heading', { name: 'Match your columns' });
    expect(warning()).toBeTruthy();

    await user.selectOptions(select('Contact'), 'email');
    expect(warning()).toBeNull();
    expect(screen.getByRole('button', { name: 'Import 3 contacts' }).hasAttribute('aria-describedby')).toBe(
      false,
    );
  });

  it('says nothing about Email while nothing at all is mapped (the button says what to do)', async () => {
    const { user } = mappingStep();
    await screen.findByRole('heading', { name: 'Match your columns' });
    for (const header of ['Full Name', 'E-mail', 'Organisation', 'Job Title', 'Phone', 'Country']) {
      await user.selectOptions(select(header), '');
    }
    expect(warning()).toBeNull();
    expect(screen.getByText('Map at least one column to import.')).toBeTruthy();
  });
});
