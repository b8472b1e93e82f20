import { DefaultAzureCredential, type TokenCredential } from '@azure/identity';
import { getConfig } from './config.js';

let credential: TokenCredential | undefined;

/**
 * The one credential for Azure services (Cosmos, Storage): the Function App's user-assigned
 * managed identity on Azure (AZURE_CLIENT_ID names it), a developer's `az login` locally.
 */
export function getAzureCredential(clientId = getConfig().AZURE_CLIENT_ID): TokenCredential {
  credential ??= new DefaultAzureCredential(clientId ? { managedIdentityClientId: clientId } : {});
  return credential;
}
