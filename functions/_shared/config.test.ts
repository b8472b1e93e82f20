import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getConfig, resetConfigForTests } from './config.js';

const saved = { ...process.env };
const KEYS = [
  'AzureWebJobsStorage',
  'COSMOS_ENDPOINT',
  'COSMOS_KEY',
  'COSMOS_CONNECTION_STRING',
  'IMPORT_MAX_BYTES',
  'AzureWebJobsStorage__queueServiceUri',
  'AzureWebJobsStorage__blobServiceUri',
  'EMAIL_PROVIDER',
  'SENDGRID_API_KEY',
  'SMTP_URL',
  'JITSI_BASE_URL',
  'ZOOM_ACCOUNT_ID',
  'ZOOM_CLIENT_ID',
  'ZOOM_CLIENT_SECRET',
  'ZOOM_API_URL',
  'ZOOM_OAUTH_URL',
];

beforeEach(() => {
  for (const key of KEYS) delete process.env[key];
  resetConfigForTests();
});
afterEach(() => {
  process.env = { ...saved };
  resetConfigForTests();
});

describe('getConfig', () => {
  it('stops start-up naming every missing setting', () => {
    expect(() => getConfig()).toThrowError(/AzureWebJobsStorage[\s\S]*COSMOS_ENDPOINT/);
  });

  it('accepts managed identity: an endpoint without a key', () => {
    Object.assign(process.env, {
      AzureWebJobsStorage: 'UseDevelopmentStorage=true',
      COSMOS_ENDPOINT: 'https://acct.documents.azure.com:443/',
    });
    expect(getConfig()).toMatchObject({
      COSMOS_DATABASE: 'momentum',
      IMPORT_SYNC_MAX_ROWS: 5000,
      IMPORT_MAX_BYTES: 20 * 1024 * 1024,
    });
    expect(getConfig().COSMOS_KEY).toBeUndefined();
  });

  it('accepts identity-based storage, as the Function App on Azure is configured', () => {
    Object.assign(process.env, {
      AzureWebJobsStorage__queueServiceUri: 'https://acct.queue.core.windows.net',
      AzureWebJobsStorage__blobServiceUri: 'https://acct.blob.core.windows.net',
      COSMOS_ENDPOINT: 'https://acct.documents.azure.com:443/',
    });
    expect(getConfig().AzureWebJobsStorage).toBeUndefined();
    expect(getConfig().LOG_FORMAT).toBe('text');
  });

  it('refuses identity-based storage with only one of its two service addresses', () => {
    Object.assign(process.env, {
      AzureWebJobsStorage__queueServiceUri: 'https://acct.queue.core.windows.net',
      COSMOS_ENDPOINT: 'https://acct.documents.azure.com:443/',
    });
    expect(() => getConfig()).toThrowError(/AzureWebJobsStorage__blobServiceUri/);
  });

  it('names a malformed number', () => {
    Object.assign(process.env, {
      AzureWebJobsStorage: 'x',
      COSMOS_CONNECTION_STRING: 'AccountEndpoint=https://a/;AccountKey=k;',
      IMPORT_MAX_BYTES: 'twenty megabytes',
    });
    expect(() => getConfig()).toThrowError(/IMPORT_MAX_BYTES/);
  });

  it('is parsed once per process', () => {
    Object.assign(process.env, { AzureWebJobsStorage: 'x', COSMOS_ENDPOINT: 'https://a.example/' });
    const first = getConfig();
    process.env.COSMOS_DATABASE = 'changed';
    expect(getConfig()).toBe(first);
  });

  it('keeps emails in the outbox unless a provider is chosen, and names the credential a chosen one lacks', () => {
    const base = {
      AzureWebJobsStorage: 'UseDevelopmentStorage=true',
      COSMOS_ENDPOINT: 'https://a.documents.azure.com/',
    };
    Object.assign(process.env, base);
    expect(getConfig().EMAIL_PROVIDER).toBe('outbox');
    resetConfigForTests();
    Object.assign(process.env, { EMAIL_PROVIDER: 'sendgrid' });
    expect(() => getConfig()).toThrowError(
      /SENDGRID_API_KEY: EMAIL_PROVIDER=sendgrid needs SENDGRID_API_KEY/,
    );
    resetConfigForTests();
    Object.assign(process.env, { EMAIL_PROVIDER: 'smtp' });
    expect(() => getConfig()).toThrowError(/SMTP_URL: EMAIL_PROVIDER=smtp needs SMTP_URL/);
  });

  it('makes video rooms on meet.jit.si unless another https Jitsi server is set', () => {
    Object.assign(process.env, { AzureWebJobsStorage: 'x', COSMOS_ENDPOINT: 'https://a.example/' });
    expect(getConfig().JITSI_BASE_URL).toBe('https://meet.jit.si');
    resetConfigForTests();
    Object.assign(process.env, { JITSI_BASE_URL: 'https://jitsi.example.com' });
    expect(getConfig().JITSI_BASE_URL).toBe('https://jitsi.example.com');
    resetConfigForTests();
    Object.assign(process.env, { JITSI_BASE_URL: 'http://jitsi.example.com' });
    expect(() => getConfig()).toThrowError(/JITSI_BASE_URL/);
  });

  it('talks to Zoom’s own servers by default, and wants all three Zoom credentials or none', () => {
    Object.assign(process.env, { AzureWebJobsStorage: 'x', COSMOS_ENDPOINT: 'https://a.example/' });
    expect(getConfig()).toMatchObject({
      ZOOM_API_URL: 'https://api.zoom.us',
      ZOOM_OAUTH_URL: 'https://zoom.us',
    });
    resetConfigForTests();
    Object.assign(process.env, { ZOOM_ACCOUNT_ID: 'acct', ZOOM_CLIENT_ID: 'client' });
    expect(() => getConfig()).toThrowError(
      /ZOOM_CLIENT_SECRET: Zoom needs all three of ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID and ZOOM_CLIENT_SECRET/,
    );
    resetConfigForTests();
    Object.assign(process.env, { ZOOM_CLIENT_SECRET: 's3cret' });
    expect(getConfig().ZOOM_CLIENT_ID).toBe('client');
  });
});
