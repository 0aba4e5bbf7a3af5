import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useNavigate } from "react-router";
import { api, assertValid, fieldErrorsOf, type Person, unwrap } from "../../api/client.ts";
import { Button, SubmitButton } from "../../components/Button.tsx";
import { Dialog } from "../../components/Dialog.tsx";
import { FormAlert } from "../../components/Feedback.tsx";
import { TextField } from "../../components/Field.tsx";
import { Card } from "../../components/Page.tsx";
import { useToast } from "../../components/Toast.tsx";

/**
 * Erasure (GDPR Art. 17), for org admins: the admin types the person's email to confirm. Their own data is
 * deleted; relationships and engagements stay for the other party, who then see "Former member".
 */
export function ErasePersonCard({ person }: { person: Person }) {
  const toast = useToast();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [email, setEmail] = useState("");
  const erase = useMutation({
    mutationFn: async () => {
      if (email.trim().toLowerCase() !== person.email.toLowerCase())
        assertValid({ confirmEmail: `Type ${person.email} to confirm.` });
      return unwrap(
        api.POST("/api/people/{id}/erase", {
          params: { path: { id: person.id } },
          body: { confirmEmail: email.trim() },
        }),
      );
    },
    onSuccess: () => {
      setOpen(false);
      toast(`${person.name} is erased.`);
      // Leave the page before dropping its data, so nothing asks for the erased person again.
      void navigate("/people");
      qc.removeQueries({ queryKey: ["person", person.id], exact: true });
      void qc.invalidateQueries({ queryKey: ["people"] });
      void qc.invalidateQueries({ queryKey: ["people-facets"] });
    },
  });
  const close = () => {
    setOpen(false);
    setEmail("");
    erase.reset();
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    erase.mutate();
  };
  const fields = fieldErrorsOf(erase.error);
  return (
    <Card>
      <h3 className="mb-2 text-base font-semibold">Erase personal data</h3>
      <p className="mb-3 text-sm text-slate-700">
        Erasing deletes {person.name}'s profile, sign-in, enrolments, answers, grades and certificates for
        good. Mentoring relationships and coaching engagements stay for the other people in them, who see a
        former member instead. Nothing confidential is shown to you.
      </p>
      <Button variant="danger" onClick={() => setOpen(true)}>
        Erase person…
      </Button>
      <Dialog
        open={open}
        onClose={close}
        title={`Erase ${person.name}?`}
        description="This cannot be undone. Type the person's email to confirm."
      >
        <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label={`Erase ${person.name}`}>
          <FormAlert error={erase.error} />
          <TextField
            label="Email"
            type="email"
            autoComplete="off"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            hint={person.email}
            error={fields.confirmEmail}
          />
          <div className="flex flex-wrap justify-end gap-2">
            <Button variant="secondary" onClick={close}>
              Cancel
            </Button>
            <SubmitButton variant="danger" pending={erase.isPending}>
              {erase.isPending ? "Erasing…" : "Erase permanently"}
            </SubmitButton>
          </div>
        </form>
      </Dialog>
    </Card>
  );
}
