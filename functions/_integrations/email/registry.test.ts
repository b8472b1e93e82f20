import { afterEach, describe, expect, it } from 'vitest';
import { resetConfigForTests } from '../../_shared/config.js';
import { getEmailProvider, resetEmailProviderForTests } from './registry.js';

const saved = { ...process.env };
const base = {
  AzureWebJobsStorage: 'UseDevelopmentStorage=true',
  COSMOS_ENDPOINT: 'https://a.documents.azure.com/',
};

function configure(settings: Record<string, string>) {
  process.env = { ...saved, ...base, ...settings };
  for (const key of ['EMAIL_PROVIDER', 'SENDGRID_API_KEY', 'SMTP_URL'])
    if (!(key in settings)) delete process.env[key];
  resetConfigForTests();
  resetEmailProviderForTests();
}
afterEach(() => {
  process.env = { ...saved };
  resetConfigForTests();
  resetEmailProviderForTests();
});

describe('getEmailProvider', () => {
  it('keeps emails in the outbox when no provider is configured', () => {
    configure({});
    expect(getEmailProvider().name).toBe('outbox');
  });

  it('uses the provider EMAIL_PROVIDER names, built once per process', () => {
    configure({ EMAIL_PROVIDER: 'sendgrid', SENDGRID_API_KEY: 'SG.x.y' });
    expect(getEmailProvider().name).toBe('sendgrid');
    expect(getEmailProvider()).toBe(getEmailProvider());
    configure({ EMAIL_PROVIDER: 'smtp', SMTP_URL: 'smtp://u:p@127.0.0.1:2525' });
    const smtp = getEmailProvider() as ReturnType<typeof getEmailProvider> & { close(): void };
    expect(smtp.name).toBe('smtp');
    smtp.close();
  });
});
