import { useMutation, useQuery } from "@tanstack/react-query";
import { type ChangeEvent, type FormEvent, type Ref, useEffect, useId, useRef, useState } from "react";
import { Link, useParams } from "react-router";
import { ApiError, api, isRecord, unwrap } from "../../api/client.ts";
import { SubmitButton } from "../../components/Button.tsx";
import { ErrorState, FormAlert, Loading } from "../../components/Feedback.tsx";
import { inputClass } from "../../components/Field.tsx";
import { LogoMark } from "../../components/Logo.tsx";
import { usePageTitle } from "../../components/Page.tsx";
import { formatDateTime } from "../../lib/dates.ts";
import type { Verification } from "../../lib/training.ts";

/** The viewer's own zone: this page is public, so there is no profile to read it from. */
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";

const CHECKS: { key: keyof Verification["checks"]; label: string }[] = [
  { key: "signature", label: "Signature" },
  { key: "issuer", label: "Issuer" },
  { key: "expiry", label: "Expiry" },
  { key: "revocation", label: "Revocation" },
];

/**
 * The public page of a certificate: anyone with the link sees whether it verifies (signature, issuer,
 * expiry, revocation) and what it certifies, downloads it, or checks a credential file they were given.
 */
export default function VerifyCredentialPage() {
  const { id = "" } = useParams();
  usePageTitle("Verify a certificate");
  const verification = useQuery({
    queryKey: ["credential-verification", id],
    queryFn: () =>
      unwrap(
        api.GET("/api/credentials/{id}/verification", { params: { path: { id } } }),
      ) as Promise<Verification>,
    retry: false,
    staleTime: 0,
  });
  const zone = browserZone();
  return (
    <div className="flex min-h-screen flex-col">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to main content
      </a>
      <header className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-300 bg-white px-6 py-4">
        <p className="flex items-center gap-2 text-xl font-bold text-emerald-900">
          <LogoMark />
          Trellis
          <span className="text-base font-medium text-slate-700">· certificate verification</span>
        </p>
        <Link to="/" className="text-sm font-semibold">
          Go to Trellis
        </Link>
      </header>
      <main
        id="main"
        tabIndex={-1}
        className="mx-auto w-full max-w-3xl flex-1 space-y-10 px-4 py-8 focus:outline-none"
      >
        <div>
          <h1 className="text-2xl font-bold text-slate-900">Certificate verification</h1>
          <p className="mt-1 text-slate-700">
            Trellis certificates are Open Badges 3.0 verifiable credentials, signed by the issuing
            organization. This page checks the signature, that the issuer is known here, that it has not
            expired and that it has not been revoked.
          </p>
        </div>
        <section aria-labelledby="this-certificate" className="space-y-4">
          <h2 id="this-certificate" className="text-lg font-semibold">
            This certificate
          </h2>
          {verification.isPending ? (
            <Loading label="Checking the certificate…" />
          ) : verification.isError ? (
            verification.error instanceof ApiError && verification.error.status === 404 ? (
              <Verdict
                result={null}
                headingLevel={3}
                notFound="No certificate with this id was issued here. Check the link, or verify the credential file below."
              />
            ) : (
              <ErrorState error={verification.error} onRetry={() => void verification.refetch()} />
            )
          ) : (
            <>
              <Verdict result={verification.data} headingLevel={3} timeZone={zone} />
              <p>
                <a
                  href={`/api/credentials/${id}`}
                  download={`certificate-${id}.json`}
                  className="font-semibold"
                >
                  Download credential (JSON)
                </a>
                <span className="block text-sm text-slate-700">
                  Keep the file or share it: anyone can check it here or with any Open Badges 3.0 verifier.
                </span>
              </p>
            </>
          )}
        </section>
        <VerifyFile timeZone={zone} />
      </main>
      <footer className="px-6 py-4 text-center text-sm text-slate-700">
        Trellis · mentoring, coaching and training for your organization
      </footer>
    </div>
  );
}

/** The verdict and the four checks, with what the credential says. */
function Verdict({
  result,
  headingLevel,
  timeZone = "UTC",
  notFound,
  headingRef,
}: {
  result: Verification | null;
  headingLevel: 2 | 3;
  timeZone?: string;
  notFound?: string;
  headingRef?: Ref<HTMLHeadingElement>;
}) {
  const H = headingLevel === 2 ? "h2" : "h3";
  const ok = result?.verified === true;
  const cred = result?.credential;
  return (
    <div
      className={`rounded-lg border-2 p-5 ${ok ? "border-emerald-700 bg-emerald-50" : "border-red-700 bg-red-50"}`}
    >
      <H
        ref={headingRef}
        tabIndex={-1}
        className={`flex items-center gap-2 text-2xl font-bold focus:outline-none ${ok ? "text-emerald-900" : "text-red-900"}`}
      >
        <span aria-hidden="true">{ok ? "✓" : "✗"}</span>
        {ok ? "Verified" : "Not verified"}
      </H>
      {notFound ? <p className="mt-1 text-red-950">{notFound}</p> : null}
      {result ? (
        <>
          <p className={`mt-1 ${ok ? "text-emerald-950" : "text-red-950"}`}>
            {ok
              ? "The credential is authentic, issued by a known organization, current and not revoked."
              : "At least one check failed: do not rely on this credential."}
          </p>
          <ul className="mt-4 space-y-2" aria-label="Checks">
            {CHECKS.map(({ key, label }) => {
              const check = result.checks[key];
              return (
                <li key={key} className="flex items-start gap-2 rounded-md bg-white p-3 text-sm shadow-sm">
                  <span
                    aria-hidden="true"
                    className={`font-bold ${check.ok ? "text-emerald-800" : "text-red-800"}`}
                  >
                    {check.ok ? "✓" : "✗"}
                  </span>
                  <span>
                    <span className="font-semibold">
                      {label}: {check.ok ? "passed" : "failed"}
                    </span>
                    <span className="block text-slate-800">{check.message}</span>
                  </span>
                </li>
              );
            })}
          </ul>
          {cred ? (
            <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 rounded-md bg-white p-4 text-sm shadow-sm">
              <dt className="font-medium text-slate-700">Credential</dt>
              <dd className="font-semibold">{cred.name ?? "—"}</dd>
              <dt className="font-medium text-slate-700">Recipient</dt>
              <dd>{cred.recipient ?? "Not named"}</dd>
              <dt className="font-medium text-slate-700">Issuer</dt>
              <dd>{cred.issuer ?? "—"}</dd>
              <dt className="font-medium text-slate-700">Issued</dt>
              <dd>{cred.validFrom ? formatDateTime(cred.validFrom, timeZone) : "—"}</dd>
              <dt className="font-medium text-slate-700">Valid until</dt>
              <dd>{cred.validUntil ? formatDateTime(cred.validUntil, timeZone) : "Does not expire"}</dd>
              <dt className="font-medium text-slate-700">Competencies</dt>
              <dd>{cred.competencies.length ? cred.competencies.join(", ") : "—"}</dd>
              {cred.id ? (
                <>
                  <dt className="font-medium text-slate-700">Credential id</dt>
                  <dd className="break-all">{cred.id}</dd>
                </>
              ) : null}
            </dl>
          ) : null}
          <p className="mt-3 text-xs text-slate-700">Times are in your time zone, {timeZone}.</p>
        </>
      ) : null}
    </div>
  );
}

/** Checks a credential file someone was given: pasted as JSON or picked from disk. */
function VerifyFile({ timeZone }: { timeZone: string }) {
  const id = useId();
  const [text, setText] = useState("");
  const [clientError, setClientError] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const verify = useMutation({
    mutationFn: (credential: Record<string, unknown>) =>
      unwrap(api.POST("/api/credentials/verify", { body: credential })) as Promise<Verification>,
  });
  useEffect(() => {
    if (verify.data) headingRef.current?.focus();
  }, [verify.data]);
  const onFile = async (ev: ChangeEvent<HTMLInputElement>) => {
    const file = ev.target.files?.[0];
    if (!file) return;
    if (file.size > 1_000_000) {
      setClientError("That file is larger than a credential can be (1 MB).");
      return;
    }
    setText(await file.text());
    setClientError(null);
    verify.reset();
  };
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    verify.reset();
    if (!text.trim()) {
      setClientError("Paste the credential's JSON, or choose its file.");
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      setClientError(`This is not valid JSON${err instanceof Error ? `: ${err.message}` : "."}`);
      return;
    }
    if (!isRecord(parsed)) {
      setClientError("A credential is a JSON object, starting with “{”.");
      return;
    }
    setClientError(null);
    verify.mutate(parsed);
  };
  return (
    <section aria-labelledby={`${id}-heading`} className="space-y-4">
      <h2 id={`${id}-heading`} className="text-lg font-semibold">
        Verify a credential file
      </h2>
      <p className="text-sm text-slate-700">
        Were you sent a certificate as a file? Paste its JSON or choose the file; it is checked the same way.
      </p>
      <form onSubmit={submit} noValidate className="space-y-4" aria-label="Verify a credential file">
        <FormAlert error={verify.error} title="The credential could not be checked" />
        <div className="space-y-1">
          <label htmlFor={`${id}-json`} className="block text-sm font-medium text-slate-800">
            Credential JSON
          </label>
          <textarea
            id={`${id}-json`}
            className={`${inputClass} font-mono text-xs`}
            rows={10}
            spellCheck={false}
            value={text}
            onChange={(ev) => {
              setText(ev.target.value);
              if (clientError) setClientError(null);
            }}
            aria-invalid={clientError ? true : undefined}
            aria-describedby={clientError ? `${id}-error` : undefined}
          />
          {clientError ? (
            <p id={`${id}-error`} className="text-sm font-medium text-red-700">
              {clientError}
            </p>
          ) : null}
        </div>
        <div className="space-y-1">
          <label htmlFor={`${id}-file`} className="block text-sm font-medium text-slate-800">
            Or choose a credential file
          </label>
          <input
            id={`${id}-file`}
            type="file"
            accept="application/json,application/ld+json,.json,.jsonld"
            onChange={(ev) => void onFile(ev)}
            className="block text-sm file:mr-3 file:rounded-md file:border file:border-slate-400 file:bg-white file:px-3 file:py-1.5 file:font-semibold file:text-slate-900"
          />
        </div>
        <SubmitButton pending={verify.isPending} pendingLabel="Checking…">
          Verify the credential
        </SubmitButton>
      </form>
      <div aria-live="polite">
        {verify.data ? (
          <Verdict result={verify.data} headingLevel={3} timeZone={timeZone} headingRef={headingRef} />
        ) : null}
      </div>
    </section>
  );
}
