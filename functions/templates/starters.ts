import type { TemplateInput } from './schema.js';

/**
 * What a new user finds under Templates: three short emails to edit rather than a blank page.
 * Their ids are fixed per owner, so two first visits at once still give each starter once.
 */
export const STARTERS: { key: string; template: TemplateInput }[] = [
  {
    key: 'introduction',
    template: {
      name: 'Introduction',
      subject: 'A quick hello from {{senderName}}',
      html: [
        '<p>Hi {{firstName "there"}},</p>',
        '<p>I came across {{company "your team"}} and thought it was worth a short note. I help teams like',
        'yours turn first conversations into booked meetings, without the back-and-forth.</p>',
        '<p>Would a 20-minute call next week be useful? If not, no worries at all.</p>',
        '<p>Best,<br>{{senderName}}</p>',
      ].join('\n'),
      text: null,
    },
  },
  {
    key: 'follow-up',
    template: {
      name: 'Follow-up',
      subject: 'Following up, {{firstName "there"}}',
      html: [
        '<p>Hi {{firstName "there"}},</p>',
        '<p>I wanted to follow up on my last email in case it got buried. I would still love to hear how',
        '{{company "your team"}} handles outreach today and whether we could help.</p>',
        '<p>If now is not the right time, just let me know and I will not keep writing.</p>',
        '<p>Thanks,<br>{{senderName}}</p>',
      ].join('\n'),
      text: null,
    },
  },
  {
    key: 'meeting-request',
    template: {
      name: 'Meeting request',
      subject: '20 minutes next week?',
      html: [
        '<p>Hi {{firstName "there"}},</p>',
        '<p>Could we find 20 minutes next week? I would like to show you how {{company "your team"}} could',
        'spend less time scheduling and more time in the meetings that matter.</p>',
        '<p>Reply with a time that suits you and I will send an invite.</p>',
        '<p>Kind regards,<br>{{senderName}}</p>',
      ].join('\n'),
      text: null,
    },
  },
];

export const starterId = (key: string) => `starter-${key}`;
