import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1')
  .optional();

/**
 * Every setting the API reads. Local values live in local.settings.sample.json; on Azure they are
 * app settings. Cosmos is reached by a connection string, by endpoint + key, or (no key) by
 * endpoint + managed identity (DefaultAzureCredential).
 */
const Schema = z
  .object({
    COSMOS_CONNECTION_STRING: z.string().min(1).optional(),
    COSMOS_ENDPOINT: z.url().optional(),
    COSMOS_KEY: z.string().min(1).optional(),
    COSMOS_DATABASE: z.string().min(1).default('momentum'),
    /** Local Cosmos API servers speak plain HTTP at one address; endpoint discovery must be off. */
    COSMOS_DISABLE_ENDPOINT_DISCOVERY: bool,
    /** A connection string (Azurite locally). On Azure the identity-based settings below are used. */
    AzureWebJobsStorage: z.string().min(1).optional(),
    /** Imports with more rows than this go to the import-jobs queue instead of running in the request. */
    IMPORT_SYNC_MAX_ROWS: z.coerce.number().int().positive().default(5000),
    IMPORT_MAX_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .default(20 * 1024 * 1024),
    /** Rows written per Cosmos bulk call and per progress update in an import. */
    IMPORT_CHUNK_ROWS: z.coerce.number().int().min(10).max(5000).default(500),
    /**
     * Identity-based storage (no key), the names the Functions host reads for its own queue
     * triggers too; the app's clients use them with the managed identity.
     */
    AzureWebJobsStorage__queueServiceUri: z.url().optional(),
    AzureWebJobsStorage__blobServiceUri: z.url().optional(),
    /** Client id of the user-assigned managed identity (DefaultAzureCredential picks it). */
    AZURE_CLIENT_ID: z.string().min(1).optional(),
    /** Set → traces, metrics and logs go to Application Insights (OpenTelemetry). Unset → nothing. */
    APPLICATIONINSIGHTS_CONNECTION_STRING: z.string().min(1).optional(),
    /** `json`: one JSON object a line (what a log pipeline wants); `text`: readable lines. */
    LOG_FORMAT: z.enum(['text', 'json']).default('text'),
    /** Where people reach the app: the base of links in emails (unsubscribe, later booking). */
    APP_BASE_URL: z.url().default('http://localhost:4280'),
    /**
     * Keys that sign public links, `kid:secret` pairs separated by commas (secret: 32+ random bytes,
     * base64); the first signs, all verify — add a new key first to rotate. `npm start` makes one.
     */
    SIGNING_KEYS: z.string().min(1).optional(),
    /**
     * Keys that encrypt stored credentials (calendar passwords, OAuth tokens), `kid:key` pairs
     * separated by commas (key: 32 random bytes, base64); the first seals, all open — add a new
     * key first to rotate. `npm start` makes one.
     */
    CREDENTIAL_KEYS: z.string().min(1).optional(),
    /** SendGrid Event Webhook verification key (base64 ECDSA public key from SendGrid's settings). */
    SENDGRID_WEBHOOK_PUBLIC_KEY: z.string().min(1).optional(),
    /** The secret path segment of the Inbound Parse webhook URL (/api/webhooks/inbound/<secret>). */
    INBOUND_PARSE_SECRET: z.string().min(16).optional(),
    /** Domain whose mail SendGrid Inbound Parse receives: replies go to reply+<token>@<domain>. */
    INBOUND_REPLY_DOMAIN: z.string().min(1).optional(),
    /**
     * Where emails go: `outbox` keeps them for the Outbox page and sends nothing (no credentials
     * needed); `sendgrid` (SENDGRID_API_KEY); `smtp` (SMTP_URL).
     */
    EMAIL_PROVIDER: z.enum(['outbox', 'sendgrid', 'smtp']).default('outbox'),
    SENDGRID_API_KEY: z.string().min(1).optional(),
    /** The SendGrid API's address: https://api.eu.sendgrid.com for EU accounts, a local server in tests. */
    SENDGRID_API_URL: z.url().default('https://api.sendgrid.com'),
    /** smtp://user:pass@host:587 (STARTTLS when offered) or smtps://user:pass@host:465 (TLS). */
    SMTP_URL: z.url().optional(),
    /** The Jitsi Meet server booked meetings' rooms are made on (video provider `jitsi`). */
    JITSI_BASE_URL: z.url({ protocol: /^https$/ }).default('https://meet.jit.si'),
    /** Google Cloud OAuth client (Web application) for connecting Google Calendar; unset → Google is not offered. */
    GOOGLE_CLIENT_ID: z.string().min(1).optional(),
    GOOGLE_CLIENT_SECRET: z.string().min(1).optional(),
    /** Google's addresses: the Calendar API root and the OAuth endpoints; tests point them at a local server. */
    GOOGLE_API_ROOT_URL: z.url().default('https://www.googleapis.com/'),
    GOOGLE_OAUTH_AUTH_URL: z.url().default('https://accounts.google.com/o/oauth2/v2/auth'),
    GOOGLE_OAUTH_TOKEN_URL: z.url().default('https://oauth2.googleapis.com/token'),
    GOOGLE_OAUTH_REVOKE_URL: z.url().default('https://oauth2.googleapis.com/revoke'),
    /** Microsoft Entra app registration for connecting Microsoft 365 (Outlook) calendars; unset → not offered. */
    MICROSOFT_CLIENT_ID: z.string().min(1).optional(),
    MICROSOFT_CLIENT_SECRET: z.string().min(1).optional(),
    /** The Entra tenant signed in to: `common` (work/school and personal accounts), `organizations`, or a tenant id. */
    MICROSOFT_TENANT: z.string().min(1).default('common'),
    /** Microsoft Graph and the Entra sign-in host; tests point both at a local https server. */
    MICROSOFT_GRAPH_URL: z.url({ protocol: /^https$/ }).default('https://graph.microsoft.com'),
    MICROSOFT_LOGIN_URL: z.url({ protocol: /^https$/ }).default('https://login.microsoftonline.com'),
    /** Zoom Server-to-Server OAuth app (video provider `zoom`): account, client id and secret. */
    ZOOM_ACCOUNT_ID: z.string().min(1).optional(),
    ZOOM_CLIENT_ID: z.string().min(1).optional(),
    ZOOM_CLIENT_SECRET: z.string().min(1).optional(),
    /** Zoom's REST API and OAuth server; tests point both at a local server. */
    ZOOM_API_URL: z.url().default('https://api.zoom.us'),
    ZOOM_OAUTH_URL: z.url().default('https://zoom.us'),
    /** Public booking requests allowed per minute for one link, and for one client address. */
    /** How long a calendar's busy time is trusted without a change notification; 0 reads it on every search. */
    CALENDAR_BUSY_CACHE_MINUTES: z.coerce.number().min(0).default(15),
    BOOKING_RATE_LIMIT_PER_LINK: z.coerce.number().int().positive().default(120),
    /** Twilio's REST API origin (owners' SMS connections); tests point it at a local server. */
    TWILIO_API_URL: z.url().default('https://api.twilio.com'),
    /** The Graph API origin WhatsApp Cloud API messages go to; tests point it at a local server. */
    WHATSAPP_GRAPH_URL: z.url().default('https://graph.facebook.com'),
    /** Slack's Web API base (bot-token connections); tests point it at a local server. */
    SLACK_API_URL: z.url().default('https://slack.com/api/'),
    /** The Meta app's secret: the WhatsApp webhook's X-Hub-Signature-256 is checked with it. Empty: every POST is refused. */
    WHATSAPP_APP_SECRET: z.string().min(1).optional(),
    /** The verify token typed into Meta's webhook settings (16+ characters). Empty: the subscription check is refused. */
    WHATSAPP_VERIFY_TOKEN: z.string().min(16).optional(),
    BOOKING_RATE_LIMIT_PER_CLIENT: z.coerce.number().int().positive().default(600),
    /**
     * The Azure Bot's app id (its user-assigned identity's client id on Azure): set → /api/messages
     * accepts only activities with a Bot Service token for it. Unset → anonymous, for local use only.
     */
    BOT_APP_ID: z.string().min(1).optional(),
    /** The Entra tenant of that app id (the issuer its tokens are checked against). */
    BOT_TENANT_ID: z.string().min(1).optional(),
    /** The Entra authority whose signing keys Bot Service tokens are checked with; tests use a local one. */
    BOT_AUTHORITY: z.url().default('https://login.microsoftonline.com'),
    /** Bot activities allowed per conversation, and per client address, in an hour and in a day. */
    BOT_RATE_LIMIT_PER_HOUR: z.coerce.number().int().positive().default(500),
    BOT_RATE_LIMIT_PER_DAY: z.coerce.number().int().positive().default(2000),
    /**
     * An OpenAI-compatible chat-completions endpoint (OpenAI, Azure OpenAI's /openai/v1/, Gemini's
     * OpenAI-compatible one) for the bot's optional LLM understanding; with BOT_LLM_MODEL set it is
     * on, otherwise the deterministic understanding answers alone.
     */
    BOT_LLM_BASE_URL: z.url().optional(),
    BOT_LLM_API_KEY: z.string().min(1).optional(),
    BOT_LLM_MODEL: z.string().min(1).optional(),
    /** How long a turn waits for the model before the deterministic reading answers alone. */
    BOT_LLM_TIMEOUT_MS: z.coerce.number().int().positive().default(3000),
    /** `production` on Azure: the bot endpoint refuses to run anonymously there. */
    NODE_ENV: z.string().min(1).optional(),
  })
  .refine(
    (c) =>
      c.AzureWebJobsStorage ||
      (c.AzureWebJobsStorage__queueServiceUri && c.AzureWebJobsStorage__blobServiceUri),
    {
      message:
        'AzureWebJobsStorage (storage connection string) is required, or AzureWebJobsStorage__queueServiceUri + AzureWebJobsStorage__blobServiceUri (managed identity)',
      path: ['AzureWebJobsStorage'],
      when: () => true,
    },
  )
  .refine((c) => c.EMAIL_PROVIDER !== 'sendgrid' || c.SENDGRID_API_KEY, {
    message: 'EMAIL_PROVIDER=sendgrid needs SENDGRID_API_KEY',
    path: ['SENDGRID_API_KEY'],
    when: () => true,
  })
  .refine((c) => c.EMAIL_PROVIDER !== 'smtp' || c.SMTP_URL, {
    message: 'EMAIL_PROVIDER=smtp needs SMTP_URL (smtp://user:pass@host:port)',
    path: ['SMTP_URL'],
    when: () => true,
  })
  .refine(
    (c) => {
      const zoom = [c.ZOOM_ACCOUNT_ID, c.ZOOM_CLIENT_ID, c.ZOOM_CLIENT_SECRET].filter(Boolean).length;
      return zoom === 0 || zoom === 3;
    },
    {
      message: 'Zoom needs all three of ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID and ZOOM_CLIENT_SECRET (or none)',
      path: ['ZOOM_CLIENT_SECRET'],
      when: () => true,
    },
  )
  .refine((c) => c.COSMOS_CONNECTION_STRING || c.COSMOS_ENDPOINT, {
    message: 'Set COSMOS_CONNECTION_STRING, or COSMOS_ENDPOINT (with COSMOS_KEY, or managed identity)',
    path: ['COSMOS_ENDPOINT'],
    // Report this together with any other missing setting, not only once the rest is fixed.
    when: () => true,
  });

/** Every setting name the schema reads: infra, README and local.settings.sample.json must list each. */
export const SETTING_NAMES = Object.keys(Schema.shape) as readonly string[];

/**
 * Settings the app reads that production on Azure deliberately leaves unset: keys and connection
 * strings (Azure uses the managed identity) and switches for local servers.
 */
export const LOCAL_ONLY_SETTINGS: readonly string[] = [
  'COSMOS_KEY',
  'COSMOS_CONNECTION_STRING',
  'COSMOS_DISABLE_ENDPOINT_DISCOVERY',
  'AzureWebJobsStorage',
  // Self-hosting and local mail servers; the URL carries its password, and Azure sends through SendGrid.
  'SMTP_URL',
];

/**
 * App settings on Azure that the Functions host reads, not this code (so they are not in the
 * schema): identity-based storage for the host's own triggers, its telemetry authentication.
 */
export const PLATFORM_SETTINGS: readonly string[] = [
  'AzureWebJobsStorage__credential',
  'AzureWebJobsStorage__clientId',
  // The host's own telemetry to Application Insights with Entra ID (local auth is off there).
  'APPLICATIONINSIGHTS_AUTHENTICATION_STRING',
];

export type Config = z.infer<typeof Schema>;

let cached: Config | undefined;

/** Parsed once per process; a missing or malformed setting stops start-up naming the setting. */
export function getConfig(): Config {
  if (cached) return cached;
  // An app setting left empty (Bicep writes '' for an optional secret not given) is not set.
  const present = Object.fromEntries(Object.entries(process.env).filter(([, value]) => value !== ''));
  const parsed = Schema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'settings'}: ${i.message}`);
    throw new Error(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  cached = parsed.data;
  return cached;
}

/** Tests and the local host change settings between runs; production never calls this. */
export function resetConfigForTests(): void {
  cached = undefined;
}
