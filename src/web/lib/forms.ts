import { useState } from "react";
import { assertValid, type FieldErrors } from "../api/client.ts";

/**
 * Client-side checks in front of a mutation: `validate` shows the field errors found before sending (and
 * returns false), or clears them (and returns true). `shownError` is what the form displays: the client's
 * errors if there are any, otherwise the server's. `clearClientError` drops the client's errors (e.g. when
 * the person changes what they had chosen).
 */
export function useClientValidation(serverError: unknown) {
  const [clientError, setClientError] = useState<unknown>(null);
  const validate = (errors: FieldErrors): boolean => {
    try {
      assertValid(errors);
    } catch (err) {
      setClientError(err);
      return false;
    }
    setClientError(null);
    return true;
  };
  const clearClientError = () => setClientError(null);
  return { shownError: clientError ?? serverError, clientError, validate, clearClientError };
}
