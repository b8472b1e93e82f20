// The API: Function App on the Flex Consumption plan, Node 22, running as the user-assigned identity.
@description('Function App name.')
param name string

@description('Region.')
param location string

@description('Tags; azd finds the app by its azd-service-name tag.')
param tags object

@description('Resource id of the user-assigned managed identity the app runs as.')
param identityId string

@description('URL of the blob container Flex Consumption deploys the package from.')
param deploymentContainerUrl string

@description('App settings (names and values; Key Vault references for secrets).')
param appSettings object

@description('Most instances the app scales out to.')
param maxInstances int

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: 'plan-${name}'
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { tier: 'FlexConsumption', name: 'FC1' }
  properties: { reserved: true }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: { type: 'UserAssigned', userAssignedIdentities: { '${identityId}': {} } }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: { minTlsVersion: '1.2', ftpsState: 'Disabled', http20Enabled: true }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: { type: 'UserAssignedIdentity', userAssignedIdentityResourceId: identityId }
        }
      }
      scaleAndConcurrency: { maximumInstanceCount: maxInstances, instanceMemoryMB: 2048 }
      runtime: { name: 'node', version: '22' }
    }
  }

  resource settings 'config' = {
    name: 'appsettings'
    properties: appSettings
  }
}

// No publishing passwords: azd deploys with Entra ID.
resource scm 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'scm'
  properties: { allow: false }
}

resource ftp 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'ftp'
  properties: { allow: false }
}

output id string = site.id
output name string = site.name
output defaultHostname string = site.properties.defaultHostName
