// Key Vault (RBAC) for the secrets the apps read through Key Vault references.
@description('Vault name.')
param name string

@description('Region.')
param location string

@description('Tags for every resource.')
param tags object

@secure()
@description('Secret name → value; an empty value stores nothing (set it later with az keyvault secret set).')
param secretValues object

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 30
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

resource secrets 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = [
  for secret in items(secretValues): if (!empty(secret.value)) {
    parent: vault
    name: secret.key
    properties: { value: secret.value }
  }
]

output name string = vault.name
output uri string = vault.properties.vaultUri
