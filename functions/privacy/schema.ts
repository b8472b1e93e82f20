import { z } from 'zod';

/** POST /api/contacts/{id}/erase: the contact's email or full name, typed by the user. */
export const EraseBody = z.object({
  confirm: z
    .string({ error: "Type the contact's email or full name to confirm." })
    .trim()
    .min(1, "Type the contact's email or full name to confirm.")
    .max(300),
});

/** POST /api/account/delete: the email the user is signed in with, typed. */
export const AccountDeleteBody = z.object({
  confirm: z
    .string({ error: 'Type the email you are signed in with to confirm.' })
    .trim()
    .min(1, 'Type the email you are signed in with to confirm.')
    .max(300),
});

export const ErasureReceiptDto = z.object({
  contactId: z.string(),
  erasedAt: z.string(),
  removed: z.array(
    z.object({ container: z.string(), count: z.number(), deleted: z.number(), anonymised: z.number() }),
  ),
  blobs: z.array(
    z.object({ container: z.string(), name: z.string(), action: z.enum(['rows-removed', 'deleted']) }),
  ),
  /** Meetings still to come, cancelled on the organizer's calendar before the erase. */
  meetingsCancelled: z.number(),
});
export type ErasureReceiptDto = z.infer<typeof ErasureReceiptDto>;

export const AccountDeletionDto = z.object({
  deletedAt: z.string(),
  removed: z.array(z.object({ container: z.string(), count: z.number() })),
  blobs: z.number(),
});
export type AccountDeletionDto = z.infer<typeof AccountDeletionDto>;
