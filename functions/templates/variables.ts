import type { ContactFields } from '../contacts/schema.js';
import type { VariableDto } from './schema.js';

/** Who an email goes out from: a saved sender, or the signed-in user until they add one. */
export interface SenderDetails {
  name: string;
  email: string;
  /** HTML the user wrote for their own emails; empty when they have none. */
  signature?: string;
}

/**
 * What a variable's value is computed from, per recipient. `extras` carries what a sending
 * capability knows beyond the contact and the sender (a campaign, a booking page), so a variable
 * such as {{bookingLink}} can be added without changing this shape.
 */
export interface RenderContext {
  contact: ContactFields;
  sender: SenderDetails;
  extras: Record<string, unknown>;
}

type Value = string | null | undefined;

export interface VariableDefinition {
  /** What the template writes between the braces: letters and digits, starting with a letter. */
  name: string;
  label: string;
  description: string;
  /** What the editor shows, and the sample contact's value. */
  example: string;
  /**
   * HTML written by the user themselves (the signature): inserted as written in the HTML part,
   * converted to plain text in the subject and the text part. Everything else is escaped.
   */
  html?: boolean;
  /** The value for one recipient; may be async (a booking link is minted per contact). Empty = missing. */
  resolve(ctx: RenderContext): Value | Promise<Value>;
}

const NAME = /^[A-Za-z][A-Za-z0-9]{0,39}$/;

/** Handlebars' own helpers and object internals can never be variables, whatever registers them. */
const RESERVED = new Set([
  'if',
  'unless',
  'each',
  'with',
  'lookup',
  'log',
  'helperMissing',
  'blockHelperMissing',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'this',
]);

export interface VariableRegistry {
  /** Adds a variable every template can use from then on; a taken or unsafe name throws at start-up. */
  register(def: VariableDefinition): void;
  get(name: string): VariableDefinition | undefined;
  list(): VariableDefinition[];
}

export function createVariableRegistry(defs: VariableDefinition[] = []): VariableRegistry {
  const byName = new Map<string, VariableDefinition>();
  const registry: VariableRegistry = {
    register(def) {
      if (!NAME.test(def.name) || RESERVED.has(def.name)) {
        throw new Error(`"${def.name}" cannot be a template variable name`);
      }
      if (byName.has(def.name)) throw new Error(`template variable {{${def.name}}} is registered twice`);
      byName.set(def.name, def);
    },
    // A Map, not an object: {{constructor}} or {{__proto__}} never finds anything inherited.
    get: (name) => byName.get(name),
    list: () => [...byName.values()],
  };
  for (const def of defs) registry.register(def);
  return registry;
}

const text = (v: string | undefined): Value => v?.trim() || undefined;
/** Only the contact's own text: nothing inherited, nothing that is not a string. */
const own = (contact: ContactFields, name: keyof ContactFields): Value => {
  const value: unknown = Object.hasOwn(contact, name) ? contact[name] : undefined;
  return typeof value === 'string' ? text(value) : undefined;
};
const joined = (...parts: string[]) => text(parts.filter(Boolean).join(' '));

const contactVariable = (
  name: keyof ContactFields & string,
  label: string,
  example: string,
): VariableDefinition => ({
  name,
  label,
  description: `The contact's ${label.toLowerCase()}.`,
  example,
  resolve: ({ contact }) => own(contact, name),
});

/** The variables every template can use today. Other capabilities add theirs with registerVariable. */
export const variables = createVariableRegistry([
  contactVariable('firstName', 'First name', 'Jordan'),
  contactVariable('lastName', 'Last name', 'Lee'),
  {
    name: 'fullName',
    label: 'Full name',
    description: "The contact's first and last name.",
    example: 'Jordan Lee',
    resolve: ({ contact }) => joined(own(contact, 'firstName') ?? '', own(contact, 'lastName') ?? ''),
  },
  contactVariable('email', 'Email', 'jordan.lee@example.com'),
  contactVariable('company', 'Company', 'Northwind Traders'),
  contactVariable('title', 'Title', 'Head of Partnerships'),
  contactVariable('city', 'City', 'Lisbon'),
  contactVariable('country', 'Country', 'Portugal'),
  {
    name: 'location',
    label: 'Location',
    description: 'Where the contact is, as imported (else their city and country).',
    example: 'Lisbon, Portugal',
    resolve: ({ contact }) =>
      own(contact, 'location') ??
      text([own(contact, 'city'), own(contact, 'country')].filter(Boolean).join(', ')),
  },
  {
    name: 'senderName',
    label: 'Your name',
    description: 'The name the email is sent from.',
    example: 'Sam Rivera',
    resolve: ({ sender }) => text(sender.name),
  },
  {
    name: 'senderEmail',
    label: 'Your email',
    description: 'The address the email is sent from.',
    example: 'sam@yourcompany.com',
    resolve: ({ sender }) => text(sender.email),
  },
  {
    name: 'senderSignature',
    label: 'Your signature',
    description: "Your sender's signature, as you wrote it (formatting and links kept).",
    example: '<p>Sam Rivera<br>Momentum Meet</p>',
    html: true,
    resolve: ({ sender }) => text(sender.signature),
  },
]);

/** One line to add a variable, e.g. the booking capability's {{bookingLink}}. */
export const registerVariable = (def: VariableDefinition): void => variables.register(def);

export const toVariableDto = ({ name, label, description, example }: VariableDefinition): VariableDto => ({
  name,
  label,
  description,
  example,
});

/** The contact previews use when none is chosen: every contact variable has a value. */
export const SAMPLE_CONTACT: ContactFields = {
  firstName: 'Jordan',
  lastName: 'Lee',
  email: 'jordan.lee@example.com',
  company: 'Northwind Traders',
  title: 'Head of Partnerships',
  city: 'Lisbon',
  country: 'Portugal',
  location: 'Lisbon, Portugal',
};
