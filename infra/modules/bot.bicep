// Azure Bot (Web Chat, Direct Line, Teams) calling the API's /api/messages, authenticated as the
// Function App's user-assigned identity (no app password).
@description('Bot resource name.')
param name string

@description('Tags for every resource.')
param tags object

@description('Messaging endpoint, https://<site>/api/messages.')
param endpoint string

@description('Resource id of the user-assigned identity the bot authenticates as.')
param identityId string

@description('Client id of that identity (the bot app id).')
param identityClientId string

@description('Tenant of that identity.')
param tenantId string

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: name
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: { name: 'S1' }
  properties: {
    displayName: 'Momentum Meet'
    endpoint: endpoint
    msaAppId: identityClientId
    msaAppType: 'UserAssignedMSI'
    msaAppMSIResourceId: identityId
    msaAppTenantId: tenantId
  }
}

resource webChat 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'WebChatChannel'
  location: 'global'
  properties: {
    channelName: 'WebChatChannel'
    properties: { sites: [{ siteName: 'Default', isEnabled: true, isWebchatPreviewEnabled: true }] }
  }
}

resource directLine 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'DirectLineChannel'
  location: 'global'
  properties: {
    channelName: 'DirectLineChannel'
    properties: { sites: [{ siteName: 'Default', isEnabled: true, isV1Enabled: false, isV3Enabled: true }] }
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: { channelName: 'MsTeamsChannel', properties: { isEnabled: true } }
}

output name string = bot.name
