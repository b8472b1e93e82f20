import { existsSync, readFileSync } from 'node:fs';

/**
 * The app settings for the local runtime, like `func start`: local.settings.json if you made one,
 * else local.settings.sample.json; variables already in the environment win. Empty values are
 * dropped so that the config schema's defaults apply.
 */
export function loadLocalSettings(root: string): Record<string, string> {
  const file = [`${root}/local.settings.json`, `${root}/local.settings.sample.json`].find((f) =>
    existsSync(f),
  );
  const values: Record<string, string> = file
    ? ((JSON.parse(readFileSync(file, 'utf8')) as { Values?: Record<string, string> }).Values ?? {})
    : {};
  const merged: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) if (value !== '') merged[key] = value;
  for (const key of Object.keys(values)) {
    const fromEnv = process.env[key];
    if (fromEnv !== undefined && fromEnv !== '') merged[key] = fromEnv;
  }
  return merged;
}

/** The local runtime starts its own Cosmos API server unless a real account is configured. */
export function wantsLocalCosmos(settings: Record<string, string>): boolean {
  return !settings.COSMOS_ENDPOINT && !settings.COSMOS_CONNECTION_STRING;
}

/** …and its own Azurite unless a real storage account is configured. */
export function wantsLocalStorage(settings: Record<string, string>): boolean {
  const value = settings.AzureWebJobsStorage ?? '';
  return value === '' || value.startsWith('UseDevelopmentStorage=true');
}
