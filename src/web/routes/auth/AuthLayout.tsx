import { Outlet } from "react-router";
import { LogoMark } from "../../components/Logo.tsx";

/** The signed-out pages: a centred card with the product name. */
export default function AuthLayout() {
  return (
    <div className="flex min-h-screen flex-col">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to main content
      </a>
      <header className="px-6 py-5">
        <p className="flex items-center gap-2 text-xl font-bold text-emerald-900">
          <LogoMark />
          Trellis
        </p>
      </header>
      <main
        id="main"
        tabIndex={-1}
        className="flex flex-1 items-start justify-center px-4 pt-6 pb-16 focus:outline-none"
      >
        <div className="w-full max-w-md rounded-xl border border-slate-300 bg-white p-8 shadow-sm">
          <Outlet />
        </div>
      </main>
      <footer className="px-6 py-4 text-center text-sm text-slate-700">
        Trellis · mentoring, coaching and training for your organization
      </footer>
    </div>
  );
}
