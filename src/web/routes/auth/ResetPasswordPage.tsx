import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { auth, passwordErrors } from "../../api/auth.ts";
import { ApiError, assertValid, fieldErrorsOf } from "../../api/client.ts";
import { usePageTitle } from "../../components/Page.tsx";
import { useToast } from "../../components/Toast.tsx";
import { AuthForm, AuthHeading } from "./AuthForm.tsx";
import { NewPasswordFields } from "./NewPasswordFields.tsx";

export default function ResetPasswordPage() {
  usePageTitle("Choose a new password");
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const navigate = useNavigate();
  const toast = useToast();
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");

  const reset = useMutation({
    mutationFn: async () => {
      assertValid(passwordErrors(password, confirm));
      try {
        await auth.resetPassword(token, password);
      } catch (err) {
        if (err instanceof ApiError && err.status === 400 && /token/i.test(`${err.code} ${err.message}`)) {
          throw new ApiError(400, err.code, "This reset link is invalid or has expired. Ask for a new one.");
        }
        throw err;
      }
    },
    onSuccess: () => {
      toast("Your password has been changed. Sign in with the new one.");
      navigate("/sign-in", { replace: true });
    },
  });

  if (!token) {
    return (
      <>
        <h1 className="mb-2 text-2xl font-bold text-slate-900">Choose a new password</h1>
        <p className="text-slate-700">
          This page needs the link from the reset email.{" "}
          <Link to="/forgot-password" className="font-semibold">
            Ask for a new link
          </Link>
          .
        </p>
      </>
    );
  }

  const fields = fieldErrorsOf(reset.error);
  return (
    <>
      <AuthHeading title="Choose a new password">You will be signed out on your other devices.</AuthHeading>
      <AuthForm mutation={reset} submitLabel="Change password">
        <NewPasswordFields
          label="New password"
          password={password}
          confirm={confirm}
          onPassword={setPassword}
          onConfirm={setConfirm}
          errors={fields}
        />
      </AuthForm>
      <p className="mt-6 text-sm">
        <Link to="/forgot-password" className="font-semibold">
          Ask for a new link
        </Link>
      </p>
    </>
  );
}
