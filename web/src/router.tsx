import type { QueryClient } from '@tanstack/react-query';
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  Link,
  Outlet,
  type RouterHistory,
  redirect,
} from '@tanstack/react-router';
import { AssistantSettingsPage } from './features/assistant/assistant-settings-page';
import { LoginPage } from './features/auth/login-page';
import { meQuery } from './features/auth/queries';
import { useRedirectOnUnauthorized } from './features/auth/use-redirect-on-unauthorized';
import { AvailabilityPage } from './features/availability/availability-page';
import { BookingPage } from './features/booking/booking-page';
import { ManageMeetingPage } from './features/booking/manage-meeting-page';
import { PublicLayout } from './features/booking/public-layout';
import { CalendarsPage } from './features/calendars/calendars-page';
import { CampaignPage } from './features/campaigns/campaign-page';
import { CampaignWizard } from './features/campaigns/campaign-wizard';
import { CampaignsPage } from './features/campaigns/campaigns-page';
import { SendersPage } from './features/campaigns/senders-page';
import { ContactPage } from './features/contacts/contact-page';
import { ContactsPage } from './features/contacts/contacts-page';
import { validateContactSearch } from './features/contacts/search';
import { TrashPage } from './features/contacts/trash-page';
import { DashboardPage } from './features/dashboard/dashboard-page';
import { ImportPage } from './features/imports/import-page';
import { ImportsPage } from './features/imports/imports-page';
import { NewImportPage } from './features/imports/new-import-page';
import { FailedJobsPage } from './features/jobs/failed-jobs-page';
import { AppLayout } from './features/layout/app-layout';
import { LeadPage } from './features/leads/lead-page';
import { PipelinePage } from './features/leads/pipeline-page';
import { validatePipelineSearch } from './features/leads/search';
import { MeetingsPage, validateMeetingsSearch } from './features/meetings/meetings-page';
import { NotificationSettingsPage } from './features/notifications/notification-settings-page';
import { NotificationsPage } from './features/notifications/notifications-page';
import { OutboxEmailPage, OutboxPage } from './features/outbox/outbox-page';
import { AuditPage } from './features/privacy/audit-page';
import { PrivacyPage } from './features/privacy/privacy-page';
import { ReportsPage } from './features/reports/reports-page';
import { SuppressionsPage } from './features/suppressions/suppressions-page';
import { TemplateEditorPage } from './features/templates/template-editor-page';
import { TemplatesPage } from './features/templates/templates-page';
import { ErrorAlert } from './lib/error-alert';

export interface RouterContext {
  queryClient: QueryClient;
}

function Root() {
  useRedirectOnUnauthorized();
  return <Outlet />;
}

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Root,
  notFoundComponent: () => (
    <main id="content" className="page">
      <NotFound />
    </main>
  ),
});

function NotFound() {
  return (
    <>
      <h1>Page not found</h1>
      <p>There is nothing at this address. It may have moved, or the link may be mistyped.</p>
      <p>
        <Link to="/contacts">Go to your contacts</Link>
      </p>
    </>
  );
}

const loginRoute = createRoute({ getParentRoute: () => rootRoute, path: '/login', component: LoginPage });

/**
 * Pages a signed link opens for people without an account (booking, managing a meeting): no
 * sign-in check, no app header. The token in the address is their only authority.
 */
const publicRoute = createRoute({ getParentRoute: () => rootRoute, id: 'public', component: PublicLayout });
const bookingRoute = createRoute({
  getParentRoute: () => publicRoute,
  path: '/book/$token',
  // ?slot= is the time an email suggested: it preselects, and the visitor still presses Confirm.
  validateSearch: (raw: Record<string, unknown>): { slot?: string } =>
    typeof raw.slot === 'string' && raw.slot ? { slot: raw.slot } : {},
  component: function BookingRoute() {
    const { token } = bookingRoute.useParams();
    const { slot } = bookingRoute.useSearch();
    return <BookingPage key={token} token={token} wantedSlot={slot} />;
  },
});
const manageMeetingRoute = createRoute({
  getParentRoute: () => publicRoute,
  path: '/meeting/$token',
  component: function ManageMeetingRoute() {
    const { token } = manageMeetingRoute.useParams();
    return <ManageMeetingPage key={token} token={token} />;
  },
});

/** Every page behind sign-in: asks /.auth/me once (cached) and sends strangers to /login. */
const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: async ({ context }) => {
    const me = await context.queryClient.ensureQueryData(meQuery());
    if (!me.clientPrincipal) throw redirect({ to: '/login' });
  },
  component: AppLayout,
});

const indexRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/',
  beforeLoad: () => {
    throw redirect({ to: '/contacts' });
  },
});

const contactsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/contacts',
  // Filters live in the URL, so a reload, Back or a shared link shows the same list.
  validateSearch: validateContactSearch,
  component: ContactsPage,
});
const trashRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/contacts/trash',
  component: TrashPage,
});
const contactRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/contacts/$contactId',
  component: function ContactRoute() {
    const { contactId } = contactRoute.useParams();
    return <ContactPage contactId={contactId} />;
  },
});
/** Any other address, for a signed-in user: "not found" inside the app's header and navigation. */
const notFoundRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '$',
  component: NotFound,
});
const importsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/imports',
  component: ImportsPage,
});
const newImportRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/imports/new',
  component: NewImportPage,
});
const importRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/imports/$importId',
  component: function ImportRoute() {
    const { importId } = importRoute.useParams();
    return <ImportPage importId={importId} />;
  },
});

const templatesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/templates',
  component: TemplatesPage,
});
const newTemplateRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/templates/new',
  component: () => <TemplateEditorPage />,
});
const templateRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/templates/$templateId',
  component: function TemplateRoute() {
    const { templateId } = templateRoute.useParams();
    return <TemplateEditorPage templateId={templateId} />;
  },
});
const campaignsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/campaigns',
  component: CampaignsPage,
});
const newCampaignRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/campaigns/new',
  component: CampaignWizard,
});
// Senders and suppressions are the campaigns' settings: under /campaigns, so "Campaigns" stays marked.
const sendersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/campaigns/senders',
  component: SendersPage,
});
const suppressionsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/campaigns/suppressions',
  component: SuppressionsPage,
});
const campaignRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/campaigns/$campaignId',
  component: function CampaignRoute() {
    const { campaignId } = campaignRoute.useParams();
    return <CampaignPage key={campaignId} campaignId={campaignId} />;
  },
});
const meetingsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/meetings',
  // Upcoming or Past lives in the URL, so Back and a reload keep the tab.
  validateSearch: validateMeetingsSearch,
  component: MeetingsPage,
});
// Reached from Campaigns (the emails carry the booking link), not the header: five areas fill it at 390 px.
const availabilityRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/availability',
  component: AvailabilityPage,
});
const calendarsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/calendars',
  component: CalendarsPage,
});
// Reached from Recent imports and Campaigns (not the header: rare, and five areas fill it at 390 px).
const failedJobsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/jobs/failed',
  component: FailedJobsPage,
});
// Reached from Meetings (where notices are about), not the header.
const notificationsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/notifications',
  component: NotificationsPage,
});
const notificationSettingsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/notifications/settings',
  component: NotificationSettingsPage,
});
const outboxRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/outbox',
  component: OutboxPage,
});
const outboxEmailRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/outbox/$emailId',
  component: function OutboxEmailRoute() {
    const { emailId } = outboxEmailRoute.useParams();
    return <OutboxEmailPage key={emailId} emailId={emailId} />;
  },
});
const reportsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/reports',
  component: ReportsPage,
});

// Board or list and the list's filters live in the URL, so Back and a reload keep them.
const leadsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/leads',
  validateSearch: validatePipelineSearch,
  component: PipelinePage,
});
const leadRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/leads/$contactId',
  component: function LeadRoute() {
    const { contactId } = leadRoute.useParams();
    return <LeadPage key={contactId} contactId={contactId} />;
  },
});
const dashboardRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/dashboard',
  component: DashboardPage,
});
const assistantSettingsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/settings/assistant',
  component: AssistantSettingsPage,
});

const privacyRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/settings/privacy',
  component: PrivacyPage,
});
const auditRoute = createRoute({ getParentRoute: () => appRoute, path: '/audit', component: AuditPage });

const routeTree = rootRoute.addChildren([
  loginRoute,
  publicRoute.addChildren([bookingRoute, manageMeetingRoute]),
  appRoute.addChildren([
    indexRoute,
    contactsRoute,
    trashRoute,
    contactRoute,
    importsRoute,
    newImportRoute,
    importRoute,
    templatesRoute,
    newTemplateRoute,
    templateRoute,
    campaignsRoute,
    newCampaignRoute,
    sendersRoute,
    suppressionsRoute,
    campaignRoute,
    outboxRoute,
    outboxEmailRoute,
    failedJobsRoute,
    availabilityRoute,
    calendarsRoute,
    meetingsRoute,
    notificationsRoute,
    notificationSettingsRoute,
    leadsRoute,
    leadRoute,
    reportsRoute,
    dashboardRoute,
    assistantSettingsRoute,
    privacyRoute,
    auditRoute,
    notFoundRoute,
  ]),
]);

export function createAppRouter(queryClient: QueryClient, history?: RouterHistory) {
  return createRouter({
    routeTree,
    context: { queryClient },
    ...(history ? { history } : {}),
    defaultPreload: 'intent',
    defaultErrorComponent: ({ error }) => (
      <main id="content" className="page">
        <ErrorAlert error={error} />
      </main>
    ),
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
