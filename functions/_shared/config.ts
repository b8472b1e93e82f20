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
    AzureWebJobsStorage: z.string().min(1, 'AzureWebJobsStorage (storage connection string) is required'),
    /** Imports with more rows than this go to the import-jobs queue instead of running in the request. */
    IMPORT_SYNC_MAX_ROWS: z.coerce.number().int().positive().default(5000),
    IMPORT_MAX_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .default(20 * 1024 * 1024),
    /** Rows written per Cosmos bulk call and per progress update in an import. */
    IMPORT_CHUNK_ROWS: z.coerce.number().int().min(10).max(5000).default(500),
  })
  .refine((c) => c.COSMOS_CONNECTION_STRING || c.COSMOS_ENDPOINT, {
    message: 'Set COSMOS_CONNECTION_STRING, or COSMOS_ENDPOINT (with COSMOS_KEY, or managed identity)',
    path: ['COSMOS_ENDPOINT'],
    // Report this together with any other missing setting, not only once the rest is fixed.
    when: () => true,
  });

export type Config = z.infer<typeof Schema>;

let cached: Config | undefined;

/** Parsed once per process; a missing or malformed setting stops start-up naming the setting. */
export function getConfig(): Config {
  if (cached) return cached;
  const parsed = Schema.safeParse(process.env);
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
