// The SPA on Static Web Apps (Standard), with the Function App linked as its /api backend.
@description('Static Web App name.')
param name string

@description('Static Web Apps region.')
param location string

@description('Tags; azd finds the app by its azd-service-name tag.')
param tags object

@description('Resource id of the Function App to link as the API backend.')
param functionAppId string

@description('Region of the Function App.')
param functionAppLocation string

@description('Key Vault holding the sign-in secrets.')
param keyVaultName string

@description('Key Vault URI (for references).')
param keyVaultUri string

@description('LinkedIn client id (custom OpenID Connect provider in staticwebapp.config.json).')
param linkedInClientId string

@description('Whether the LinkedIn id and secret were given; otherwise LinkedIn sign-in stays unconfigured.')
param linkedInConfigured bool

var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'

resource site 'Microsoft.Web/staticSites@2024-04-01' = {
  name: name
  location: location
  tags: tags
  sku: { name: 'Standard', tier: 'Standard' }
  // System identity: the only kind Static Web Apps uses for Key Vault references.
  identity: { type: 'SystemAssigned' }
  properties: {
    // azd deploys the built SPA; no repository link.
    stagingEnvironmentPolicy: 'Disabled'
    allowConfigFileUpdates: true
  }
}

resource backend 'Microsoft.Web/staticSites/linkedBackends@2024-04-01' = {
  parent: site
  name: 'api'
  properties: { backendResourceId: functionAppId, region: functionAppLocation }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource secretsRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, site.id, keyVaultSecretsUser)
  properties: {
    principalId: site.identity.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
  }
}

// Settings named by staticwebapp.config.json (*SettingName); secrets as Key Vault references.
resource settings 'Microsoft.Web/staticSites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: linkedInConfigured
    ? {
        LINKEDIN_CLIENT_ID: linkedInClientId
        LINKEDIN_CLIENT_SECRET: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/linkedin-client-secret)'
      }
    : {}
  dependsOn: [secretsRole]
}

output name string = site.name
output defaultHostname string = site.properties.defaultHostname
