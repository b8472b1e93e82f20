// Log Analytics + workspace-based Application Insights (Azure Verified Modules).
@description('Suffix that makes resource names unique.')
param token string

@description('Region.')
param location string

@description('Tags for every resource.')
param tags object

module workspace 'br/public:avm/res/operational-insights/workspace:0.11.1' = {
  name: 'log-analytics'
  params: { name: 'log-${token}', location: location, tags: tags, dataRetention: 30 }
}

module appInsights 'br/public:avm/res/insights/component:0.6.0' = {
  name: 'app-insights'
  params: {
    name: 'appi-${token}'
    location: location
    tags: tags
    workspaceResourceId: workspace.outputs.resourceId
    // Only Entra-authenticated telemetry is accepted (the Function App's managed identity).
    disableLocalAuth: true
  }
}

output workspaceId string = workspace.outputs.resourceId
output appInsightsId string = appInsights.outputs.resourceId
output appInsightsName string = appInsights.outputs.name
output appInsightsConnectionString string = appInsights.outputs.connectionString
