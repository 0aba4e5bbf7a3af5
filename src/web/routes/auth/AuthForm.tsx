import type { FormEvent, ReactNode } from "react";
import { SubmitButton } from "../../components/Button.tsx";
import { FormAlert } from "../../components/Feedback.tsx";

/** A signed-out page's heading and the sentence under it. */
export function AuthHeading({ title, children }: { title: ReactNode; children: ReactNode }) {
  return (
    <>
      <h1 className="mb-1 text-2xl font-bold text-slate-900">{title}</h1>
      <p className="mb-6 text-slate-700">{children}</p>
    </>
  );
}

/**
 * A signed-out page's form: submitting runs the mutation (which checks the fields itself); its error is shown
 * on top and the full-width submit button at the bottom.
 */
export function AuthForm({
  mutation,
  submitLabel,
  pendingLabel,
  children,
}: {
  mutation: { mutate: () => void; error: unknown; isPending: boolean };
  submitLabel: string;
  pendingLabel?: string;
  children: ReactNode;
}) {
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    mutation.mutate();
  };
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <FormAlert error={mutation.error} />
      {children}
      <SubmitButton pending={mutation.isPending} pendingLabel={pendingLabel} className="w-full">
        {submitLabel}
      </SubmitButton>
    </form>
  );
}
