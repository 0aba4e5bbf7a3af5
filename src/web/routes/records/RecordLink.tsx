import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client.ts";
import { ButtonLink } from "../../components/Button.tsx";
import { recordKey } from "../../lib/records.ts";

/**
 * "Development record", shown only when the server answers the record to the caller (the person, their
 * managers up the line and org admins); for anyone else it answers 404 and nothing is shown. The answer is
 * kept under the record page's key, so following the link opens the page at once.
 */
export function RecordLink({ personId }: { personId: string }) {
  const record = useQuery({
    queryKey: recordKey(personId),
    queryFn: () => unwrap(api.GET("/api/people/{id}/record", { params: { path: { id: personId } } })),
    retry: false,
  });
  if (!record.isSuccess) return null;
  return (
    <ButtonLink to={`/people/${personId}/record`} variant="secondary">
      Development record
    </ButtonLink>
  );
}
