// Momentum Meet on Azure: `azd up` provisions this, then deploys the API package and the SPA.
// Check it with `az bicep build --file infra/main.bicep` or `azd provision --preview` on a machine
// with the Azure tools; tests/infra/ keeps it in step with the code on machines without them.
targetScope = 'subscription'

@minLength(1)
@maxLength(40)
@description('azd environment name (e.g. "prod"); names the resource group and seeds resource names.')
param environmentName string

@minLength(1)
@description('Azure region for every resource (Static Web Apps uses the nearest of its own regions).')
param location string

@description('Object id of the person or pipeline running azd; gets data access for diagnostics. Empty: none.')
param deployerPrincipalId string = ''

@description('Region for Static Web Apps, which is offered in fewer regions than the rest.')
@allowed(['westus2', 'centralus', 'eastus2', 'westeurope', 'eastasia'])
param staticWebAppLocation string = 'westeurope'

@description('Most instances the Function App scales out to (Flex Consumption).')
@minValue(1)
@maxValue(1000)
param functionMaxInstances int = 40

@description('Address that receives alert emails. Empty: alerts fire in the portal only.')
param alertEmail string = ''

@description('LinkedIn app client id for the custom OpenID Connect sign-in. Empty: LinkedIn sign-in is off.')
param linkedInClientId string = ''

@secure()
@description('LinkedIn app client secret; stored in Key Vault, read by Static Web Apps through a reference.')
param linkedInClientSecret string = ''

@description('Google Cloud OAuth client id (Web application) for connecting Google Calendar. Empty: Google Calendar is not offered.')
param googleClientId string = ''

@secure()
@description('Google Cloud OAuth client secret, stored in Key Vault; the API reads it through a Key Vault reference.')
param googleClientSecret string = ''

@description('Microsoft Entra app (client) id for connecting Microsoft 365 (Outlook) calendars. Empty: Microsoft 365 is not offered.')
param microsoftClientId string = ''

@secure()
@description('Microsoft Entra app client secret, stored in Key Vault; the API reads it through a Key Vault reference.')
param microsoftClientSecret string = ''

@description('The bot\'s optional LLM: an OpenAI-compatible base URL (e.g. https://<resource>.openai.azure.com/openai/v1/). Empty: deterministic understanding only.')
param botLlmBaseUrl string = ''

@description('The model (or Azure OpenAI deployment) name the bot\'s LLM calls. Empty: no LLM.')
param botLlmModel string = ''

@secure()
@description('API key of the bot\'s LLM endpoint, stored in Key Vault; the API reads it through a Key Vault reference.')
param botLlmApiKey string = ''

@secure()
@description('SendGrid API key, stored in Key Vault; the API reads it through a Key Vault reference. Empty: emails stay in the Outbox.')
param sendGridApiKey string = ''

@secure()
@description('Keys that encrypt stored calendar credentials (AES-256-GCM): kid:base64 pairs of 32 random bytes, comma-separated; the first seals. Stored in Key Vault.')
param tokenEncryptionKey string = ''

@secure()
@description('Keys that sign public links (unsubscribe, reply addresses, later booking): kid:base64secret pairs, comma-separated, 32+ random bytes each; the first signs. Stored in Key Vault.')
param signingKeys string

@description('The app\'s public address, the base of links in emails (the Static Web App\'s address or your custom domain), e.g. https://momentum.example.com.')
param appBaseUrl string

@description('Zoom Server-to-Server OAuth app (video provider `zoom`): its account id. Empty: Zoom is not offered.')
param zoomAccountId string = ''

@description('Zoom Server-to-Server OAuth app: its client id.')
param zoomClientId string = ''

@secure()
@description('Zoom Server-to-Server OAuth app client secret, stored in Key Vault; the API reads it through a Key Vault reference.')
param zoomClientSecret string = ''

@description('SendGrid Event Webhook verification key (Mail Settings → Signed Event Webhook). Empty: the webhook refuses every call.')
param sendGridWebhookPublicKey string = ''

@secure()
@description('Secret path segment of the Inbound Parse URL (/api/webhooks/inbound/<secret>), 16+ characters, stored in Key Vault. Empty: replies are not tracked.')
param inboundParseSecret string = ''

@secure()
@description('The Meta app secret that signs WhatsApp webhook calls (X-Hub-Signature-256), stored in Key Vault. Empty: WhatsApp webhooks are refused.')
param whatsAppAppSecret string = ''

@secure()
@description('The verify token entered in Meta\'s WhatsApp webhook settings (16+ characters), stored in Key Vault.')
param whatsAppVerifyToken string = ''

@description('Domain whose mail SendGrid Inbound Parse receives; replies go to reply addresses there. Empty: replies go to the sender\'s own address, untracked.')
param inboundReplyDomain string = ''

// Strings, not bools: azd fills parameters from environment variables (ENABLE_BOT=true).
@description('"true" creates the Azure Bot (Web Chat, Direct Line, Teams) pointing at /api/messages; turn on once the bot capability has landed.')
@allowed(['true', 'false'])
param enableBot string = 'false'

@description('"true" creates Azure Communication Services (SMS); optional.')
@allowed(['true', 'false'])
param enableCommunicationServices string = 'false'

var appResources = loadJsonContent('app-resources.json')
var token = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName, app: 'momentum-meet' }

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'br/public:avm/res/managed-identity/user-assigned-identity:0.4.1' = {
  scope: rg
  name: 'identity'
  params: { name: 'id-api-${token}', location: location, tags: tags }
}

module monitoring 'modules/monitoring.bicep' = {
  scope: rg
  name: 'monitoring'
  params: { token: token, location: location, tags: tags }
}

module storage 'modules/storage.bicep' = {
  scope: rg
  name: 'storage'
  params: {
    name: 'st${token}'
    location: location
    tags: tags
    queueNames: appResources.queues
    blobContainerNames: appResources.blobContainers
  }
}

module cosmos 'modules/cosmos.bicep' = {
  scope: rg
  name: 'cosmos'
  params: {
    name: 'cosmos-${token}'
    location: location
    tags: tags
    databaseName: 'momentum'
    containers: appResources.cosmosContainers
  }
}

module keyVault 'modules/key-vault.bicep' = {
  scope: rg
  name: 'key-vault'
  params: {
    name: 'kv-${token}'
    location: location
    tags: tags
    // Stored only when given. Secrets for capabilities that have not landed yet are reserved here
    // so that each capability adds one Key Vault reference to functionAppSettings, nothing more.
    secretValues: {
      'linkedin-client-secret': linkedInClientSecret
      'sendgrid-api-key': sendGridApiKey
      'token-encryption-key': tokenEncryptionKey
      'signing-keys': signingKeys
      'inbound-parse-secret': inboundParseSecret
      'google-client-secret': googleClientSecret
      'zoom-client-secret': zoomClientSecret
      'microsoft-client-secret': microsoftClientSecret
      'bot-llm-api-key': botLlmApiKey
      'whatsapp-app-secret': whatsAppAppSecret
      'whatsapp-verify-token': whatsAppVerifyToken
    }
  }
}

// Every app setting the API reads on Azure (functions/_shared/config.ts). No key or connection
// string: storage and Cosmos are reached with the user-assigned identity named by AZURE_CLIENT_ID.
// A secret the code reads later goes here as a Key Vault reference:
//   NAME: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.uri}secrets/<secret-name>)'
var functionAppSettings = {
  AzureWebJobsStorage__queueServiceUri: storage.outputs.queueEndpoint
  AzureWebJobsStorage__blobServiceUri: storage.outputs.blobEndpoint
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identity.outputs.clientId
  AZURE_CLIENT_ID: identity.outputs.clientId
  COSMOS_ENDPOINT: cosmos.outputs.endpoint
  COSMOS_DATABASE: 'momentum'
  IMPORT_SYNC_MAX_ROWS: '5000'
  IMPORT_MAX_BYTES: '20971520'
  IMPORT_CHUNK_ROWS: '500'
  APPLICATIONINSIGHTS_CONNECTION_STRING: monitoring.outputs.appInsightsConnectionString
  // Application Insights accepts only Entra-authenticated telemetry (local auth is off).
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD;ClientId=${identity.outputs.clientId}'
  LOG_FORMAT: 'json'
  APP_BASE_URL: appBaseUrl
  SIGNING_KEYS: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.uri}secrets/signing-keys)'
  CREDENTIAL_KEYS: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.uri}secrets/token-encryption-key)'
  SENDGRID_WEBHOOK_PUBLIC_KEY: sendGridWebhookPublicKey
  INBOUND_PARSE_SECRET: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.uri}secrets/inbound-parse-secret)'
  INBOUND_REPLY_DOMAIN: inboundReplyDomain
  // With a SendGrid key emails go out through SendGrid; without one they stay in the Outbox.
  EMAIL_PROVIDER: empty(sendGridApiKey) ? 'outbox' : 'sendgrid'
  SENDGRID_API_KEY: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.uri}secrets/sendgrid-api-key)'
  SENDGRID_API_URL: 'https://api.sendgrid.com'
  JITSI_BASE_URL: 'https://meet.jit.si'
  ZOOM_ACCOUNT_ID: zoomAccountId
  ZOOM_CLIENT_ID: zoomClientId
  ZOOM_CLIENT_SECRET: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.uri}secrets/zoom-client-secret)'
  ZOOM_API_URL: 'https://api.zoom.us'
  ZOOM_OAUTH_URL: 'https://zoom.us'
  BOOKING_RATE_LIMIT_PER_LINK: '120'
  BOOKING_RATE_LIMIT_PER_CLIENT: '600'
  CALENDAR_BUSY_CACHE_MINUTES: '15'
  TWILIO_API_URL: 'https://api.twilio.com'
  WHATSAPP_GRAPH_URL: 'https://graph.facebook.com'
  SLACK_API_URL: 'https://slack.com/api/'
  WHATSAPP_APP_SECRET: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.uri}secrets/whatsapp-app-secret)'
  WHATSAPP_VERIFY_TOKEN: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.uri}secrets/whatsapp-verify-token)'
  GOOGLE_CLIENT_ID: googleClientId
  GOOGLE_CLIENT_SECRET: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.uri}secrets/google-client-secret)'
  GOOGLE_API_ROOT_URL: 'https://www.googleapis.com/'
  GOOGLE_OAUTH_AUTH_URL: 'https://accounts.google.com/o/oauth2/v2/auth'
  GOOGLE_OAUTH_TOKEN_URL: 'https://oauth2.googleapis.com/token'
  GOOGLE_OAUTH_REVOKE_URL: 'https://oauth2.googleapis.com/revoke'
  MICROSOFT_CLIENT_ID: microsoftClientId
  MICROSOFT_CLIENT_SECRET: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.uri}secrets/microsoft-client-secret)'
  MICROSOFT_TENANT: 'common'
  MICROSOFT_GRAPH_URL: 'https://graph.microsoft.com'
  MICROSOFT_LOGIN_URL: 'https://login.microsoftonline.com'
  // The Azure Bot authenticates as the app's identity; without it /api/messages refuses everything.
  BOT_APP_ID: enableBot == 'true' ? identity.outputs.clientId : ''
  BOT_TENANT_ID: tenant().tenantId
  BOT_AUTHORITY: 'https://login.microsoftonline.com'
  BOT_RATE_LIMIT_PER_HOUR: '500'
  BOT_RATE_LIMIT_PER_DAY: '2000'
  BOT_LLM_BASE_URL: botLlmBaseUrl
  BOT_LLM_API_KEY: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.uri}secrets/bot-llm-api-key)'
  BOT_LLM_MODEL: botLlmModel
  BOT_LLM_TIMEOUT_MS: '3000'
  NODE_ENV: 'production'
}

module functionApp 'modules/function-app.bicep' = {
  scope: rg
  name: 'function-app'
  params: {
    name: 'func-${token}'
    location: location
    tags: union(tags, { 'azd-service-name': 'api' })
    identityId: identity.outputs.resourceId
    deploymentContainerUrl: '${storage.outputs.blobEndpoint}deployment-package'
    appSettings: functionAppSettings
    maxInstances: functionMaxInstances
  }
}

module roles 'modules/roles.bicep' = {
  scope: rg
  name: 'roles'
  params: {
    principalId: identity.outputs.principalId
    deployerPrincipalId: deployerPrincipalId
    storageAccountName: storage.outputs.name
    cosmosAccountName: cosmos.outputs.name
    keyVaultName: keyVault.outputs.name
    appInsightsName: monitoring.outputs.appInsightsName
  }
}

module web 'modules/static-web-app.bicep' = {
  scope: rg
  name: 'static-web-app'
  params: {
    name: 'swa-${token}'
    location: staticWebAppLocation
    tags: union(tags, { 'azd-service-name': 'web' })
    functionAppId: functionApp.outputs.id
    functionAppLocation: location
    keyVaultName: keyVault.outputs.name
    keyVaultUri: keyVault.outputs.uri
    linkedInClientId: linkedInClientId
    linkedInConfigured: !empty(linkedInClientId) && !empty(linkedInClientSecret)
  }
}

module bot 'modules/bot.bicep' = if (enableBot == 'true') {
  scope: rg
  name: 'bot'
  params: {
    name: 'bot-${token}'
    tags: tags
    endpoint: 'https://${web.outputs.defaultHostname}/api/messages'
    identityId: identity.outputs.resourceId
    identityClientId: identity.outputs.clientId
    tenantId: tenant().tenantId
  }
}

module communication 'modules/communication.bicep' = if (enableCommunicationServices == 'true') {
  scope: rg
  name: 'communication'
  params: { name: 'acs-${token}', tags: tags, principalId: identity.outputs.principalId }
}

module alerts 'modules/alerts.bicep' = {
  scope: rg
  name: 'alerts'
  params: {
    token: token
    location: location
    tags: tags
    alertEmail: alertEmail
    appInsightsId: monitoring.outputs.appInsightsId
    functionAppId: functionApp.outputs.id
  }
}

output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output AZURE_STATIC_WEB_APP_NAME string = web.outputs.name
output WEB_URL string = 'https://${web.outputs.defaultHostname}'
output COSMOS_ENDPOINT string = cosmos.outputs.endpoint
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
