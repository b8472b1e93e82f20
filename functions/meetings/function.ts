import { json, parseQuery, withUser } from '../_shared/http.js';
import { registerHttp } from '../_shared/registry.js';
import { cosmosMeetingStore } from '../booking/meeting-store.js';
import { toMeetingDto } from '../booking/model.js';
import { type MeetingPage, MeetingsQuery } from '../booking/schema.js';

const PAGE_SIZE = 50;

/** The organizer's meetings: upcoming (soonest first), past or all (latest first), of everyone or one contact, paged. */
registerHttp('meetings-list', {
  route: 'meetings',
  methods: ['GET'],
  handler: withUser(async ({ req, user }) => {
    const query = parseQuery(MeetingsQuery, req);
    const page = await cosmosMeetingStore.page(
      user.userId,
      query.when,
      new Date(),
      query.continuation,
      PAGE_SIZE,
    );
    const body: MeetingPage = { items: page.docs.map(toMeetingDto), continuation: page.continuation };
    return json(200, body);
  }),
});
