import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { auth, passwordErrors } from "../../api/auth.ts";
import { ApiError, api, assertValid, fieldErrorsOf, unwrap } from "../../api/client.ts";
import { Loading } from "../../components/Feedback.tsx";
import { TextField } from "../../components/Field.tsx";
import { usePageTitle } from "../../components/Page.tsx";
import { useToast } from "../../components/Toast.tsx";
import { AuthForm, AuthHeading } from "./AuthForm.tsx";
import { NewPasswordFields } from "./NewPasswordFields.tsx";

export default function AcceptInvitePage() {
  usePageTitle("Accept your invitation");
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const qc = useQueryClient();
  const navigate = useNavigate();
  const toast = useToast();
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");

  const preview = useQuery({
    queryKey: ["invitation-preview", token],
    queryFn: () => unwrap(api.GET("/api/invitations/preview", { params: { query: { token } } })),
    enabled: token.length >= 10,
    retry: false,
  });
  useEffect(() => {
    if (preview.data) setName((n) => n || (preview.data?.name ?? ""));
  }, [preview.data]);

  const accept = useMutation({
    mutationFn: async () => {
      const errors = passwordErrors(password, confirm);
      if (!name.trim()) errors.name = "Enter your name.";
      assertValid(errors);
      const accepted = await unwrap(
        api.POST("/api/invitations/accept", { body: { token, name: name.trim(), password } }),
      );
      await auth.signIn(accepted.email, password);
    },
    onSuccess: () => {
      qc.removeQueries();
      toast(`Welcome to ${preview.data?.organizationName ?? "Trellis"}! Your account is ready.`);
      navigate("/", { replace: true });
    },
  });

  if (token.length < 10 || preview.isError) {
    const err = preview.error;
    const message =
      err instanceof ApiError && err.status !== 404
        ? err.message
        : "This invitation link is not valid. Check that you opened the whole link from the email.";
    return (
      <>
        <h1 className="mb-2 text-2xl font-bold text-slate-900">Invitation not available</h1>
        <p role="alert" className="text-slate-800">
          {message}
        </p>
        <p className="mt-4 text-sm">
          Already have an account?{" "}
          <Link to="/sign-in" className="font-semibold">
            Sign in
          </Link>
        </p>
      </>
    );
  }
  if (preview.isPending) return <Loading label="Checking your invitation…" />;

  const fields = fieldErrorsOf(accept.error);
  return (
    <>
      <AuthHeading title={<>Join {preview.data.organizationName}</>}>
        You were invited as <strong>{preview.data.email}</strong>. Choose a password to activate your account.
      </AuthHeading>
      <AuthForm mutation={accept} submitLabel="Accept invitation" pendingLabel="Activating…">
        <TextField
          label="Your name"
          name="name"
          autoComplete="name"
          required
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={fields.name}
        />
        <NewPasswordFields
          label="Password"
          password={password}
          confirm={confirm}
          onPassword={setPassword}
          onConfirm={setConfirm}
          errors={fields}
        />
      </AuthForm>
    </>
  );
}
