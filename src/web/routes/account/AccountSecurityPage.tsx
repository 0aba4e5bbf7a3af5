import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import QRCode from "qrcode";
import { type FormEvent, type ReactNode, useState } from "react";
import { auth, passwordErrors } from "../../api/auth.ts";
import { assertValid, fieldErrorsOf } from "../../api/client.ts";
import { Button, SubmitButton } from "../../components/Button.tsx";
import { ErrorState, FormAlert, Loading } from "../../components/Feedback.tsx";
import { TextField } from "../../components/Field.tsx";
import { Card, PageHeader, Section, usePageTitle } from "../../components/Page.tsx";
import { useToast } from "../../components/Toast.tsx";
import { NewPasswordFields } from "../auth/NewPasswordFields.tsx";

export default function AccountSecurityPage() {
  usePageTitle("Password and sign-in");
  return (
    <>
      <PageHeader
        title="Password and sign-in"
        description="Keep your account safe. Changing your password signs you out on every other device."
      />
      <Section title="Change your password">
        <Card className="max-w-lg">
          <ChangePasswordForm />
        </Card>
      </Section>
      <Section title="Two-step verification">
        <Card className="max-w-lg">
          <TwoStepVerification />
        </Card>
      </Section>
    </>
  );
}

function ChangePasswordForm() {
  const toast = useToast();
  const [current, setCurrent] = useState("");
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const change = useMutation({
    mutationFn: async () => {
      const errors = passwordErrors(password, confirm);
      if (!current) errors.currentPassword = "Enter your current password.";
      assertValid(errors);
      await auth.changePassword(current, password);
    },
    onSuccess: () => {
      setCurrent("");
      setPassword("");
      setConfirm("");
      toast("Your password has been changed. Your other devices are signed out.");
    },
  });
  const fields = fieldErrorsOf(change.error);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    change.mutate();
  };
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <FormAlert error={change.error} />
      <TextField
        label="Current password"
        type="password"
        name="current-password"
        autoComplete="current-password"
        required
        value={current}
        onChange={(e) => setCurrent(e.target.value)}
        error={fields.currentPassword}
      />
      <NewPasswordFields
        label="New password"
        password={password}
        confirm={confirm}
        onPassword={setPassword}
        onConfirm={setConfirm}
        errors={fields}
      />
      <SubmitButton pending={change.isPending} pendingLabel="Changing…">
        Change password
      </SubmitButton>
    </form>
  );
}

const SESSION_KEY = ["auth-session"];

interface Setup {
  uri: string;
  secret: string;
  qr: string;
  backupCodes: string[];
}

function TwoStepVerification() {
  const session = useQuery({ queryKey: SESSION_KEY, queryFn: auth.session });
  const [setup, setSetup] = useState<Setup | null>(null);
  if (session.isError) return <ErrorState error={session.error} onRetry={() => session.refetch()} />;
  if (!session.data) return <Loading />;
  if (session.data.user.twoFactorEnabled) return <TurnOff />;
  if (setup) return <ConfirmSetup setup={setup} onCancel={() => setSetup(null)} />;
  return <StartSetup onStarted={setSetup} />;
}

function PasswordStep({
  intro,
  submitLabel,
  pendingLabel,
  run,
}: {
  intro: ReactNode;
  submitLabel: string;
  pendingLabel: string;
  run: (password: string) => Promise<void>;
}) {
  const [password, setPassword] = useState("");
  const step = useMutation({
    mutationFn: async () => {
      if (!password) assertValid({ password: "Enter your password." });
      await run(password);
      setPassword("");
    },
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    step.mutate();
  };
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {intro}
      <FormAlert error={step.error} />
      <TextField
        label="Your password"
        type="password"
        name="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        error={fieldErrorsOf(step.error).password}
      />
      <SubmitButton pending={step.isPending} pendingLabel={pendingLabel}>
        {submitLabel}
      </SubmitButton>
    </form>
  );
}

function StartSetup({ onStarted }: { onStarted: (setup: Setup) => void }) {
  return (
    <PasswordStep
      intro={
        <p className="text-slate-700">
          Two-step verification is off. Turn it on to ask for a code from an authenticator app (such as Google
          Authenticator, Microsoft Authenticator or 1Password) after your password. Admins should turn it on.
        </p>
      }
      submitLabel="Set up an authenticator app"
      pendingLabel="Setting up…"
      run={async (password) => {
        const { totpURI, backupCodes } = await auth.enableTwoFactor(password);
        onStarted({
          uri: totpURI,
          secret: new URL(totpURI).searchParams.get("secret") ?? "",
          qr: await QRCode.toDataURL(totpURI, { margin: 1, width: 200 }),
          backupCodes,
        });
      }}
    />
  );
}

function ConfirmSetup({ setup, onCancel }: { setup: Setup; onCancel: () => void }) {
  const qc = useQueryClient();
  const toast = useToast();
  const [code, setCode] = useState("");
  const confirm = useMutation({
    mutationFn: async () => {
      const value = code.replace(/\s+/g, "");
      if (!/^\d{6}$/.test(value)) assertValid({ code: "Enter the 6-digit code your app shows." });
      await auth.verifyTotp(value, false);
    },
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: SESSION_KEY });
      toast("Two-step verification is on.");
    },
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    confirm.mutate();
  };
  return (
    <div className="space-y-4">
      <ol className="list-decimal space-y-3 pl-5 text-slate-800">
        <li>
          Scan this code with your authenticator app.
          <img
            src={setup.qr}
            alt="QR code to add Trellis to an authenticator app"
            className="mt-2 h-48 w-48"
          />
          <p className="mt-1 text-sm text-slate-700">
            Cannot scan it? Enter this key instead: <code className="break-all">{setup.secret}</code>
          </p>
        </li>
        <li>
          Save these backup codes somewhere safe. Each one signs you in once if you lose your phone.
          <ul aria-label="Backup codes" className="mt-2 grid grid-cols-2 gap-1 font-mono text-sm">
            {setup.backupCodes.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </li>
        <li>Enter the code the app shows to finish.</li>
      </ol>
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        <FormAlert error={confirm.error} />
        <TextField
          label="6-digit code"
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          required
          value={code}
          onChange={(e) => setCode(e.target.value)}
          error={fieldErrorsOf(confirm.error).code}
        />
        <div className="flex flex-wrap gap-2">
          <SubmitButton pending={confirm.isPending} pendingLabel="Checking…">
            Turn on two-step verification
          </SubmitButton>
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        </div>
      </form>
    </div>
  );
}

function TurnOff() {
  const qc = useQueryClient();
  const toast = useToast();
  return (
    <PasswordStep
      intro={
        <p className="text-slate-700">
          <strong>Two-step verification is on.</strong> Signing in asks for a code from your authenticator app
          after your password.
        </p>
      }
      submitLabel="Turn off two-step verification"
      pendingLabel="Turning off…"
      run={async (password) => {
        await auth.disableTwoFactor(password);
        await qc.invalidateQueries({ queryKey: SESSION_KEY });
        toast("Two-step verification is off.");
      }}
    />
  );
}
