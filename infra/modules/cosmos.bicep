// Cosmos DB for NoSQL, serverless; Entra ID only (local auth off), every container on /ownerId.
@description('Account name.')
param name string

@description('Region.')
param location string

@description('Tags for every resource.')
param tags object

@description('Database name (COSMOS_DATABASE).')
param databaseName string

@description('Containers: [{ name, defaultTtl, compositeIndexes? }]; defaultTtl null = documents never expire, -1 = per-item ttl, n = seconds; compositeIndexes serve ORDER BY over two fields.')
param containers array

resource account 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' = {
  name: name
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: [{ locationName: location, failoverPriority: 0, isZoneRedundant: false }]
    capabilities: [{ name: 'EnableServerless' }]
    consistencyPolicy: { defaultConsistencyLevel: 'Session' }
    disableLocalAuth: true
    // Databases and containers are created here, never by the app (data-plane RBAC cannot).
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
    publicNetworkAccess: 'Enabled'
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-11-15' = {
  parent: account
  name: databaseName
  properties: { resource: { id: databaseName } }
}

resource sqlContainers 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = [
  for container in containers: {
    parent: database
    name: container.name
    properties: {
      resource: union(
        { id: container.name, partitionKey: { paths: ['/ownerId'], kind: 'Hash', version: 2 } },
        container.defaultTtl == null ? {} : { defaultTtl: container.defaultTtl },
        contains(container, 'compositeIndexes')
          ? { indexingPolicy: { indexingMode: 'consistent', compositeIndexes: container.compositeIndexes } }
          : {}
      )
    }
  }
]

output name string = account.name
output endpoint string = account.properties.documentEndpoint
