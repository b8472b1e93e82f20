// Optional Azure Communication Services (SMS), Entra ID only.
@description('Communication Services resource name.')
param name string

@description('Tags for every resource.')
param tags object

@description('Principal id of the Function App identity (sends through this resource).')
param principalId string

@description('Where Communication Services keeps data at rest.')
param dataLocation string = 'Europe'

var contributor = 'b24988ac-6180-42a0-ab88-20f7382dd24c'

resource acs 'Microsoft.Communication/communicationServices@2023-04-01' = {
  name: name
  location: 'global'
  tags: tags
  properties: { dataLocation: dataLocation, disableLocalAuth: true }
}

// Communication Services has no narrower built-in data role for sending SMS with Entra ID.
resource sendRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: acs
  name: guid(acs.id, principalId, contributor)
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', contributor)
  }
}

output endpoint string = 'https://${acs.properties.hostName}'
