import { json, parseJson, parseQuery, withUser } from '../_shared/http.js';
import { registerHttp } from '../_shared/registry.js';
import { audited } from '../audit/audit.js';
import { bookingDeps } from '../booking/deps.js';
import { takenTime } from '../suggest-slots/slots.js';
import { senderFromSignIn } from '../templates/preview.js';
import {
  type AvailabilityDeps,
  getAvailability,
  previewAvailability,
  putAvailability,
} from './availability.js';
import { cosmosAvailabilityStore } from './cosmos-availability-store.js';
import { AvailabilityPut, AvailabilityQuery, PreviewQuery } from './schema.js';

const deps = (): AvailabilityDeps => ({
  store: cosmosAvailabilityStore,
  now: () => new Date(),
  taken: (ownerId, rules, window) => takenTime(ownerId, rules, window, bookingDeps()),
});

/** The organizer's bookable hours and meeting types (the booking pages read the same document). */
registerHttp('availability', {
  route: 'availability',
  methods: ['GET', 'PUT'],
  handler: withUser(async ({ req, user }) => {
    if (req.method === 'PUT') {
      const input = await parseJson(AvailabilityPut, req);
      return json(
        200,
        await audited(user, 'settings.availability', 'availability', () =>
          putAvailability(user.userId, input, deps(), senderFromSignIn(user)),
        ),
      );
    }
    return json(200, await getAvailability(user.userId, parseQuery(AvailabilityQuery, req), deps()));
  }),
});

/** The next 7 days' free slots for one meeting type, with calendars' busy time and booked meetings left out. */
registerHttp('availability-preview', {
  route: 'availability/preview',
  methods: ['GET'],
  handler: withUser(async ({ req, user }) =>
    json(200, await previewAvailability(user.userId, parseQuery(PreviewQuery, req), deps())),
  ),
});
