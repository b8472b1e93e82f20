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
import { LoginPage } from './features/auth/login-page';
import { meQuery } from './features/auth/queries';
import { useRedirectOnUnauthorized } from './features/auth/use-redirect-on-unauthorized';
import { ContactPage } from './features/contacts/contact-page';
import { ContactsPage } from './features/contacts/contacts-page';
import { validateContactSearch } from './features/contacts/search';
import { TrashPage } from './features/contacts/trash-page';
import { ImportPage } from './features/imports/import-page';
import { ImportsPage } from './features/imports/imports-page';
import { NewImportPage } from './features/imports/new-import-page';
import { AppLayout } from './features/layout/app-layout';
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

const routeTree = rootRoute.addChildren([
  loginRoute,
  appRoute.addChildren([
    indexRoute,
    contactsRoute,
    trashRoute,
    contactRoute,
    importsRoute,
    newImportRoute,
    importRoute,
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
