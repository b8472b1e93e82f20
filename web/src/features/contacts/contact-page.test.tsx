import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, contact, contactPage, json, meeting, stubFetch, trashed } from '../../test/fake-api';
import { renderApp } from '../../test/render-app';

const ada = contact({
  id: 'c-ada',
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: 'ada@example.com',
  company: 'Analytical Engines',
  title: 'Founder',
  phone: '+4930123456',
  status: 'contacted',
});

describe('contact page', () => {
  it('shows every field, the times in the viewer’s zone and an Activity section waiting to be filled', async () => {
    stubFetch(() => json(ada));
    renderApp('/contacts/c-ada');

    expect(await screen.findByRole('heading', { name: 'Ada Lovelace', level: 1 })).toBeTruthy();
    expect(screen.getByText('Founder at Analytical Engines')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'ada@example.com' }).getAttribute('href')).toBe(
      'mailto:ada@example.com',
    );
    expect(screen.getByRole('link', { name: '030 123456' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Add city' })).toBeTruthy();
    expect(screen.getByText(/Added .* · Updated .* time\)/)).toBeTruthy();
    const activity = screen.getByTestId('contact-activity');
    expect(within(activity).getByRole('heading', { name: 'Activity' })).toBeTruthy();
    expect(
      await within(activity).findByText('Emails, meetings and chats with Ada Lovelace will appear here.'),
    ).toBeTruthy();
  });

  it('lists the contact’s meetings in Activity, cancelled ones marked', async () => {
    const calls = stubFetch(() => json(ada), {
      contactMeetings: [
        meeting({
          id: 'm-2',
          start: '2026-03-12T15:00:00.000Z',
          end: '2026-03-12T15:30:00.000Z',
          status: 'booked',
        }),
        meeting({
          id: 'm-1',
          start: '2026-03-05T15:00:00.000Z',
          end: '2026-03-05T15:30:00.000Z',
          status: 'cancelled',
        }),
      ],
    });
    renderApp('/contacts/c-ada');
    const list = await screen.findByRole('list', { name: 'Meetings with Ada Lovelace' });
    const items = within(list).getAllByRole('listitem');
    expect(items[0]!.textContent).toMatch(/Intro call · .*Mar.*12.*Booked/);
    expect(items[1]!.textContent).toMatch(/Cancelled/);
    expect(within(list).getByRole('link', { name: 'All meetings' }).getAttribute('href')).toBe('/meetings');
    expect(calls.some((c) => c.path === '/api/meetings')).toBe(false); // answered by the fake's default
  });

  it('edits a field in place, showing the API’s error beside it, then saves', async () => {
    let rejectOnce = true;
    let stored = ada;
    const calls = stubFetch(({ method, body }) => {
      if (method !== 'PATCH') return json(stored);
      if (rejectOnce) {
        rejectOnce = false;
        return apiError(400, 'VALIDATION', 'Some fields need fixing.', [
          { path: 'title', message: 'Title is at most 200 characters.' },
        ]);
      }
      stored = { ...stored, ...(body as object), updatedAt: '2026-03-09T09:00:00.000Z' };
      return json(stored);
    });
    const { user } = renderApp('/contacts/c-ada');
    await user.click(await screen.findByRole('button', { name: 'Edit Title' }));

    const title = screen.getByLabelText('Title');
    expect(document.activeElement).toBe(title); // the clicked field, ready to type
    await user.clear(title);
    await user.type(title, 'CEO');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('Title is at most 200 characters.')).toBeTruthy();
    expect(title.getAttribute('aria-invalid')).toBe('true');
    expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ title: 'CEO' });

    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('CEO at Analytical Engines')).toBeTruthy();
    expect(screen.queryByLabelText('Title')).toBeNull(); // back to reading
  });

  it('Cancel leaves the contact as it was without saving', async () => {
    const calls = stubFetch(() => json(ada));
    const { user } = renderApp('/contacts/c-ada');
    await user.click(await screen.findByRole('button', { name: 'Edit' }));
    expect(document.activeElement).toBe(screen.getByLabelText('First name'));
    await user.type(screen.getByLabelText('Company'), ' Ltd');
    await user.click(screen.getByRole('button', { name: 'Cancel' }));

    expect(screen.getByText('Founder at Analytical Engines')).toBeTruthy();
    expect(calls.some((c) => c.method === 'PATCH')).toBe(false);
  });

  it('deletes to the trash, goes back to the list and offers Undo, which restores', async () => {
    let deleted = false;
    const calls = stubFetch(({ method, path }) => {
      if (method === 'DELETE') {
        deleted = true;
        return new Response(null, { status: 204 });
      }
      if (method === 'POST' && path === '/api/contacts/c-ada/restore') {
        deleted = false;
        return json(ada);
      }
      if (path === '/api/contacts/c-ada') return json(ada);
      return contactPage(deleted ? [] : [ada]);
    });
    const { user, router } = renderApp('/contacts/c-ada');
    await user.click(await screen.findByRole('button', { name: 'Delete' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete Ada Lovelace?' });
    expect(dialog.textContent).toContain('moved to the trash');
    await user.click(within(dialog).getByRole('button', { name: 'Delete contact' }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/contacts'));
    expect(await screen.findByText('Ada Lovelace moved to the trash.')).toBeTruthy();
    expect(calls.find((c) => c.method === 'DELETE')?.path).toBe('/api/contacts/c-ada');

    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(await screen.findByText('Ada Lovelace is back in your contacts.')).toBeTruthy();
    expect(await screen.findByRole('row', { name: /Ada Lovelace/ })).toBeTruthy();
  });

  it('says a deleted contact is not found and points to the trash', async () => {
    stubFetch(() => apiError(404, 'NOT_FOUND', 'No such contact.'));
    renderApp('/contacts/c-gone');
    expect(await screen.findByRole('heading', { name: 'Contact not found' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'trash' }).getAttribute('href')).toBe('/contacts/trash');
  });
});

describe('add contact', () => {
  it('offers to open the person already in the contacts instead of adding them twice', async () => {
    const calls = stubFetch(({ method, path }) => {
      if (method === 'POST' && path === '/api/contacts')
        return apiError(409, 'DUPLICATE', 'This person is already in your contacts.', [
          { path: 'email', message: 'ada@example.com is already in your contacts.', id: 'c-ada' },
        ]);
      if (path === '/api/contacts/c-ada') return json(ada);
      return contactPage([]);
    });
    const { user, router } = renderApp('/contacts');
    await user.click(await screen.findByRole('button', { name: 'Add contact' }));
    const dialog = screen.getByRole('dialog', { name: 'Add contact' });
    await user.type(within(dialog).getByLabelText('Email'), 'ada@example.com');
    await user.type(within(dialog).getByLabelText('First name'), 'Ada');
    await user.click(within(dialog).getByRole('button', { name: 'Add contact' }));

    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toContain('ada@example.com is already in your contacts.');
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      status: 'new',
      email: 'ada@example.com',
      firstName: 'Ada',
    });
    await user.click(await within(alert).findByRole('link', { name: 'Open Ada Lovelace' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/contacts/c-ada'));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('closes on Escape after a refused save, even when focus has left the dialog', async () => {
    stubFetch(({ method, path }) => {
      if (method === 'POST' && path === '/api/contacts')
        return apiError(409, 'DUPLICATE', 'Ada Lovelace is already in your contacts.', [
          { path: 'email', message: 'Ada Lovelace is already in your contacts.', id: 'c-ada' },
        ]);
      if (path === '/api/contacts/c-ada') return json(ada);
      return contactPage([]);
    });
    const { user } = renderApp('/contacts');
    await user.click(await screen.findByRole('button', { name: 'Add contact' }));
    const dialog = screen.getByRole('dialog', { name: 'Add contact' });
    await user.type(within(dialog).getByLabelText('Email'), 'ada@example.com');
    await user.click(within(dialog).getByRole('button', { name: 'Add contact' }));
    await within(dialog).findByRole('alert');
    (document.activeElement as HTMLElement | null)?.blur();
    expect(document.activeElement).toBe(document.body);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('shows each validation error beside the field it names, and closes on Escape', async () => {
    stubFetch(({ method }) =>
      method === 'POST'
        ? apiError(400, 'VALIDATION', 'Some fields need fixing.', [
            { path: 'linkedinUrl', message: 'Enter a full LinkedIn address.' },
          ])
        : contactPage([]),
    );
    const { user } = renderApp('/contacts');
    await user.click(await screen.findByRole('button', { name: 'Add contact' }));
    const dialog = screen.getByRole('dialog', { name: 'Add contact' });
    // Every stored field can be filled in.
    for (const label of [
      'First name',
      'Last name',
      'Email',
      'Company',
      'Title',
      'Phone',
      'LinkedIn URL',
      'Location',
      'City',
      'Country',
      'Time zone',
      'Status',
      'Tags (comma-separated)',
      'Notes',
    ])
      expect(within(dialog).getByLabelText(label)).toBeTruthy();
    await user.type(within(dialog).getByLabelText('LinkedIn URL'), 'ada');
    await user.click(within(dialog).getByRole('button', { name: 'Add contact' }));

    const linkedin = within(dialog).getByLabelText('LinkedIn URL');
    await waitFor(() => expect(linkedin.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(linkedin.getAttribute('aria-describedby')!)?.textContent).toBe(
      'Enter a full LinkedIn address.',
    );
    expect(within(dialog).getByRole('alert').textContent).toContain('Some fields need fixing.');

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('adds the contact and shows it in the list', async () => {
    let added = false;
    const calls = stubFetch(({ method, body }) => {
      if (method === 'POST') {
        added = true;
        return json(contact({ id: 'c-new', source: 'manual', ...(body as object) }), 201);
      }
      return contactPage(
        added ? [contact({ id: 'c-new', firstName: 'Katherine', lastName: 'Johnson' })] : [],
      );
    });
    const { user } = renderApp('/contacts');
    await user.click(await screen.findByRole('button', { name: 'Add contact' }));
    const dialog = screen.getByRole('dialog', { name: 'Add contact' });
    await user.type(within(dialog).getByLabelText('First name'), 'Katherine');
    await user.type(within(dialog).getByLabelText('Last name'), 'Johnson');
    await user.type(within(dialog).getByLabelText('Tags (comma-separated)'), 'nasa, vip');
    await user.click(within(dialog).getByRole('button', { name: 'Add contact' }));

    expect(await screen.findByRole('row', { name: /Katherine Johnson/ })).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      status: 'new',
      firstName: 'Katherine',
      lastName: 'Johnson',
      tags: ['nasa', 'vip'],
    });
  });
});

describe('trash', () => {
  it('lists deleted contacts with when they go for good, and restores one', async () => {
    let restored = false;
    const calls = stubFetch(({ method, path }) => {
      if (method === 'POST' && path === '/api/contacts/c-ada/restore') {
        restored = true;
        return json(ada);
      }
      if (path === '/api/contacts/trash')
        return json({ items: restored ? [] : [trashed({ ...ada, purgeAt: '2026-04-04T09:00:00.000Z' })] });
      return contactPage([]);
    });
    const { user } = renderApp('/contacts');
    await user.click(await screen.findByRole('link', { name: 'Trash' }));
    const list = await screen.findByRole('list', { name: 'Deleted contacts' });
    const item = within(list).getAllByRole('listitem')[0]!;
    expect(item.textContent).toContain('Ada Lovelace');
    expect(item.textContent).toMatch(/Deleted for good on Apr 4, 2026/);

    await user.click(within(item).getByRole('button', { name: 'Restore Ada Lovelace' }));
    expect(await screen.findByText('Ada Lovelace is back in your contacts.')).toBeTruthy();
    expect(calls.some((c) => c.path === '/api/contacts/c-ada/restore')).toBe(true);
  });

  it('explains when a restore is refused because the person was added again', async () => {
    stubFetch(({ method, path }) => {
      if (method === 'POST')
        return apiError(
          409,
          'DUPLICATE',
          'ada@example.com is in your contacts again; open that one instead.',
        );
      if (path === '/api/contacts/trash') return json({ items: [trashed(ada)] });
      return contactPage([]);
    });
    const { user } = renderApp('/contacts/trash');
    await user.click(await screen.findByRole('button', { name: 'Restore Ada Lovelace' }));
    expect((await screen.findByRole('alert')).textContent).toContain('is in your contacts again');
  });
});
