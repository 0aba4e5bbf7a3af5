import { expect } from "vitest";
import type { client } from "./factories.ts";

type Client = ReturnType<typeof client>;

/** An active mentoring relationship through the API: both enrol, the mentee asks, the mentor accepts, both sign. */
export async function activePair(mentor: Client, mentee: Client, programId: string, mentorId: string) {
  const ok = (res: { status: number; body: unknown }) =>
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
  ok(await mentor.post(`/api/programs/${programId}/enrolments`, { role: "mentor", answers: {} }));
  ok(await mentee.post(`/api/programs/${programId}/enrolments`, { role: "mentee", answers: {} }));
  const request = await mentee.post(`/api/programs/${programId}/mentoring/requests`, {
    mentorId,
    message: "Would you mentor me?",
  });
  ok(request);
  const rel: string = (await mentor.post(`/api/mentoring/requests/${request.body.id}/accept`)).body
    .relationshipId;
  ok(
    await mentee.put(`/api/mentoring/relationships/${rel}/agreement`, {
      goals: "Grow",
      cadence: "Monthly",
      channel: "Call",
      confidentiality: "Between us",
      durationMonths: 6,
    }),
  );
  ok(await mentee.post(`/api/mentoring/relationships/${rel}/agreement/sign`));
  ok(await mentor.post(`/api/mentoring/relationships/${rel}/agreement/sign`));
  return rel;
}
