import { isRouteErrorResponse, useRouteError } from "react-router";

/** Shown when a page fails to load or render (for example after a deploy replaced its chunk). */
export function RouteError() {
  const error = useRouteError();
  const message = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : "Unknown error";
  return (
    <main className="mx-auto max-w-xl p-8">
      <h1 className="text-2xl font-bold text-slate-900">Something went wrong</h1>
      <p className="mt-2 text-slate-700">This page could not be shown. Reloading usually helps.</p>
      <p className="mt-2 font-mono text-sm text-slate-700">{message}</p>
      <div className="mt-4 flex gap-4">
        <button
          type="button"
          className="rounded-md bg-emerald-800 px-4 py-2 font-semibold text-white"
          onClick={() => window.location.reload()}
        >
          Reload
        </button>
        <a href="/" className="self-center font-semibold underline">
          Go to the home page
        </a>
      </div>
    </main>
  );
}
