import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ApiError } from './api';
import { ErrorAlert } from './error-alert';

describe('ErrorAlert', () => {
  it('says a refusal once when its detail only repeats it, and lists the details that add something', () => {
    const refused = new ApiError(400, 'BAD_FILE', '"notes.txt" has no columns we recognise.', [
      { path: 'file', message: '"notes.txt" has no columns we recognise.' },
    ]);
    const { unmount } = render(<ErrorAlert error={refused} />);
    expect(screen.getByRole('alert').textContent).toBe('"notes.txt" has no columns we recognise.');
    unmount();
    const invalid = new ApiError(400, 'VALIDATION', 'Check the highlighted fields.', [
      { path: 'email', message: 'not a valid address' },
      { row: 12, message: 'Email "x" is not a valid address' },
    ]);
    render(<ErrorAlert error={invalid} />);
    const items = screen.getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toEqual(['email: not a valid address', 'Row 12: Email "x" is not a valid address']);
  });
});
