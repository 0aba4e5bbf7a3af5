import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { Link, Navigate, Outlet, useLocation, useNavigate } from "react-router";
import { auth } from "../api/auth.ts";
import { SessionContext, useMeQuery } from "../api/session.ts";
import { managesPrograms, ROLE_LABELS, seesStats } from "../lib/labels.ts";
import { ErrorState, Loading } from "./Feedback.tsx";
import { LogoMark } from "./Logo.tsx";
import { useToast } from "./Toast.tsx";

const navLinkClass = (active: boolean) =>
  `block rounded-md px-3 py-2 text-sm font-medium no-underline ${
    active ? "bg-emerald-100 text-emerald-950" : "text-slate-800 hover:bg-slate-100"
  }`;

/**
 * A navigation link. The exact page is marked `aria-current="page"`; a page inside its section
 * (e.g. a program under Programs) is marked `aria-current="true"`.
 */
function NavItem({
  to,
  children,
  section,
}: {
  to: string;
  children: string;
  section?: (path: string) => boolean;
}) {
  const { pathname } = useLocation();
  const exact = pathname === to;
  const inSection = !exact && (section?.(pathname) ?? false);
  return (
    <li>
      <Link
        to={to}
        aria-current={exact ? "page" : inSection ? "true" : undefined}
        className={navLinkClass(exact || inSection)}
      >
        {children}
      </Link>
    </li>
  );
}

/** Pages under "Coaching" in the navigation, except the coach pool and insights that have their own links. */
const inCoaching = (p: string) =>
  p.startsWith("/coaching/") && p !== "/coaching/coaches" && p !== "/coaching/insights";

/** Moves focus to the new page's heading after client-side navigation, so screen readers announce it. */
function useFocusOnNavigate() {
  const { pathname } = useLocation();
  const last = useRef(pathname);
  useEffect(() => {
    if (last.current === pathname) return;
    last.current = pathname;
    const id = window.setTimeout(() => {
      const main = document.getElementById("main");
      const target = main?.querySelector<HTMLElement>("h1") ?? main;
      if (target && !target.contains(document.activeElement)) target.focus();
    }, 50);
    return () => window.clearTimeout(id);
  }, [pathname]);
}

export default function AppLayout() {
  const me = useMeQuery();
  const location = useLocation();
  useFocusOnNavigate();

  if (me.isPending) return <Loading />;
  if (me.isError) {
    return (
      <main className="mx-auto max-w-xl p-8">
        <h1 className="mb-4 text-2xl font-bold">Trellis</h1>
        <ErrorState error={me.error} onRetry={() => void me.refetch()} />
      </main>
    );
  }
  if (!me.data) {
    const next = location.pathname + location.search;
    return <Navigate to={next === "/" ? "/sign-in" : `/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  const { person, organization } = me.data;
  const isAdmin = person.orgRole === "org_admin";

  return (
    <SessionContext.Provider value={me.data}>
      <div className="min-h-screen">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
        >
          Skip to main content
        </a>
        <header className="border-b border-slate-300 bg-white">
          <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-3 px-4 py-3">
            <div className="flex items-center gap-3">
              <Link
                to="/"
                className="flex items-center gap-2 text-xl font-bold text-emerald-900 no-underline"
              >
                <LogoMark />
                Trellis
              </Link>
              <span className="text-sm text-slate-700">{organization.name}</span>
            </div>
            <div className="flex items-center gap-3 text-sm">
              <Link to="/me" className="font-medium text-slate-900">
                {person.name}
              </Link>
              <span className="hidden text-slate-700 sm:inline">{ROLE_LABELS[person.orgRole]}</span>
              <SignOutButton />
            </div>
          </div>
        </header>
        <div className="mx-auto flex max-w-7xl flex-col gap-6 px-4 py-6 md:flex-row">
          <nav aria-label="Main" className="md:w-56 md:shrink-0">
            <ul className="space-y-1">
              <NavItem to="/">Home</NavItem>
              <NavItem to="/programs" section={(p) => p.startsWith("/programs/") && p !== "/programs/new"}>
                Programs
              </NavItem>
              {managesPrograms(person.orgRole) ? <NavItem to="/programs/new">New program</NavItem> : null}
              <NavItem to="/mentoring" section={(p) => p.startsWith("/mentoring/")}>
                Mentoring
              </NavItem>
              <NavItem to="/coaching" section={inCoaching}>
                Coaching
              </NavItem>
              {seesStats(person.orgRole) ? (
                <>
                  <NavItem to="/coaching/coaches">Coach pool</NavItem>
                  <NavItem to="/coaching/insights">Coaching insights</NavItem>
                </>
              ) : null}
              <NavItem to="/training" section={(p) => p.startsWith("/training/")}>
                Training
              </NavItem>
              {managesPrograms(person.orgRole) ? (
                <NavItem to="/training/assignments">Mandatory training</NavItem>
              ) : null}
              <NavItem to="/advisor" section={(p) => p.startsWith("/advisor/")}>
                Development advisor
              </NavItem>
              <NavItem to="/record">My development record</NavItem>
              {seesStats(person.orgRole) ? (
                <>
                  <NavItem to="/analytics" section={(p) => p === "/analytics"}>
                    Program analytics
                  </NavItem>
                  {managesPrograms(person.orgRole) ? (
                    <NavItem to="/analytics/succession">Succession</NavItem>
                  ) : null}
                </>
              ) : null}
              <NavItem to="/people" section={(p) => p.startsWith("/people/")}>
                People
              </NavItem>
              <NavItem to="/me">My profile</NavItem>
              <NavItem to="/account/security">Password and sign-in</NavItem>
              <NavItem to="/account/notifications">Email notifications</NavItem>
              <NavItem to="/account/calendar">Calendar feed</NavItem>
            </ul>
            {isAdmin ? (
              <>
                <h2 className="mt-6 mb-1 px-3 text-xs font-semibold tracking-wide text-slate-700 uppercase">
                  Administration
                </h2>
                <ul className="space-y-1">
                  <NavItem to="/admin/invitations">Invitations</NavItem>
                  <NavItem to="/admin/audit">Audit log</NavItem>
                  <NavItem to="/admin/organization">Organization</NavItem>
                  <NavItem to="/admin/integrations" section={(p) => p.startsWith("/admin/integrations/")}>
                    Integrations
                  </NavItem>
                  <li>
                    <a href="/api/docs" className={navLinkClass(false)}>
                      API reference
                    </a>
                  </li>
                </ul>
              </>
            ) : null}
          </nav>
          <main id="main" tabIndex={-1} className="min-w-0 flex-1 focus:outline-none">
            <Outlet />
          </main>
        </div>
        <footer className="border-t border-slate-300 px-4 py-4 text-center text-sm text-slate-700">
          Trellis · {organization.name}
        </footer>
      </div>
    </SessionContext.Provider>
  );
}

function SignOutButton() {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const toast = useToast();
  const [pending, setPending] = useState(false);
  const signOut = async () => {
    setPending(true);
    try {
      await auth.signOut();
      qc.clear();
      toast("You are signed out.");
      navigate("/sign-in", { replace: true });
    } catch (err) {
      toast(err instanceof Error ? err.message : "Could not sign out.", "error");
    } finally {
      setPending(false);
    }
  };
  return (
    <button
      type="button"
      onClick={signOut}
      disabled={pending}
      className="rounded-md border border-slate-400 px-3 py-1.5 font-semibold text-slate-900 hover:bg-slate-50"
    >
      {pending ? "Signing out…" : "Sign out"}
    </button>
  );
}
