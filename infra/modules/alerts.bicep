// Alerts over the telemetry the API sends (metric names from functions/_shared/telemetry.ts).
@description('Suffix that makes resource names unique.')
param token string

@description('Region of the log alerts.')
param location string

@description('Tags for every resource.')
param tags object

@description('Address that receives alert emails; empty: no action group.')
param alertEmail string

@description('Application Insights resource id (the logs the alerts query).')
param appInsightsId string

@description('Function App resource id.')
param functionAppId string

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = if (!empty(alertEmail)) {
  name: 'ag-${token}'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'momentum'
    enabled: true
    emailReceivers: [{ name: 'owner', emailAddress: alertEmail, useCommonAlertSchema: true }]
  }
}

var actions = empty(alertEmail) ? [] : [actionGroup.id]

var rules = [
  {
    name: 'poison-messages'
    severity: 1
    description: 'Messages in a poison queue: background jobs failed five times. Inspect them in the app (Failed jobs) and retry.'
    frequency: 'PT5M'
    window: 'PT15M'
    query: 'customMetrics | where name == "momentum.queue.poison" | summarize poison = max(value) by queue = tostring(customDimensions.queue) | where poison > 0'
  }
  {
    name: 'http-5xx-rate'
    severity: 2
    description: 'More than 5% of API requests ended in a 5xx over 15 minutes (at least 20 requests).'
    frequency: 'PT5M'
    window: 'PT15M'
    query: 'requests | summarize total = count(), failed = countif(toint(resultCode) >= 500) | where total >= 20 and failed * 100.0 / total > 5'
  }
  {
    name: 'calendar-connections-failing'
    severity: 2
    description: 'Calendar provider calls are failing; affected owners see tentative or withheld slots.'
    frequency: 'PT15M'
    window: 'PT30M'
    query: 'customMetrics | where name == "momentum.provider.errors" and tostring(customDimensions.kind) == "calendar" | summarize errors = sum(valueSum) | where errors >= 3'
  }
  {
    name: 'email-bounce-rate'
    severity: 2
    description: 'More than 5% of emails bounced over 6 hours (at least 20 sent): sender reputation is at risk.'
    frequency: 'PT1H'
    window: 'PT6H'
    query: 'let sent = toscalar(customMetrics | where name == "momentum.emails.sent" | summarize sum(valueSum)); customMetrics | where name == "momentum.emails.bounced" | summarize bounced = sum(valueSum) | where sent >= 20 and bounced * 1.0 / sent > 0.05'
  }
]

resource logAlerts 'Microsoft.Insights/scheduledQueryRules@2023-03-15-preview' = [
  for rule in rules: {
    name: 'alert-${rule.name}-${token}'
    location: location
    tags: tags
    properties: {
      displayName: 'Momentum Meet: ${rule.name}'
      description: rule.description
      severity: rule.severity
      enabled: true
      evaluationFrequency: rule.frequency
      windowSize: rule.window
      scopes: [appInsightsId]
      criteria: {
        allOf: [
          {
            query: rule.query
            timeAggregation: 'Count'
            operator: 'GreaterThan'
            threshold: 0
            failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 }
          }
        ]
      }
      actions: { actionGroups: actions }
    }
  }
]

// The platform's own count, as a second signal when telemetry itself is broken.
resource http5xx 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: 'alert-http5xx-${token}'
  location: 'global'
  tags: tags
  properties: {
    description: 'The Function App returned more than 20 5xx responses in 5 minutes.'
    severity: 2
    enabled: true
    scopes: [functionAppId]
    evaluationFrequency: 'PT1M'
    windowSize: 'PT5M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          name: 'http5xx'
          criterionType: 'StaticThresholdCriterion'
          metricName: 'Http5xx'
          operator: 'GreaterThan'
          threshold: 20
          timeAggregation: 'Total'
        }
      ]
    }
    actions: [for id in actions: { actionGroupId: id }]
  }
}
