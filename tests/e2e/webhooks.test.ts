import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeOrganization, makePerson } from "../../src/server/testing/factories.ts";
import { type E2E, expectToast, signedInSession, startE2E, visit } from "./app.ts";
import { expectAccessible } from "./browser.ts";

let e2e: E2E;
let receiver: Server;
let receiverUrl: string;
const received: { headers: Record<string, unknown>; body: string }[] = [];

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(200, { "content-type": "text/plain" }).end("thanks");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/trellis`;
  // The receiver is local, so the test server allowlists loopback (plain http too), as a dev setup would.
  e2e = await startE2E({ env: { OUTBOUND_ALLOWED_HOSTS: "127.0.0.1" } });
});
afterAll(async () => {
  await e2e?.close();
  await new Promise<void>((resolve) => receiver?.close(() => resolve()));
});

describe("webhooks", () => {
  it("an org admin registers an endpoint, sends a test event and sees it in the delivery log", async () => {
    const org = await makeOrganization(e2e.server.db, "Hooked");
    const admin = await makePerson(e2e.server.db, org, { role: "org_admin", name: "Wanda Webhook" });
    const { page } = await signedInSession(e2e, admin.email);

    await visit(page, "/admin/integrations", "Integrations");
    await page.getByRole("link", { name: "Webhooks" }).click();
    await page.getByRole("heading", { level: 1, name: "Webhooks" }).waitFor();
    await page.getByText("No webhook endpoints yet").waitFor();
    await expectAccessible(page, "webhooks (empty)");

    await page.getByRole("button", { name: "Add endpoint" }).click();
    await page.getByRole("button", { name: "Add endpoint" }).click();
    await page.getByRole("alert").first().waitFor();
    expect(await page.getByLabel(/^URL/).getAttribute("aria-invalid")).toBe("true");

    await page.getByLabel(/^URL/).fill("https://10.0.0.1/hook");
    await page.getByLabel("mentoring.request.created").check();
    await page.getByRole("button", { name: "Add endpoint" }).click();
    await page.getByText(/10\.0\.0\.1, a private address/).waitFor();

    await page.getByLabel(/^URL/).fill(receiverUrl);
    await page.getByLabel(/^Description/).fill("Our HR bus");
    await page.getByLabel("person.created").check();
    await expectAccessible(page, "webhooks (form)");
    await page.getByRole("button", { name: "Add endpoint" }).click();
    const secret = page.getByRole("textbox", { name: "Signing secret", exact: true });
    await secret.waitFor();
    expect(await secret.inputValue()).toMatch(/^whsec_/);
    await expectAccessible(page, "webhooks (secret shown once)");
    await page.getByRole("button", { name: "I have stored it" }).click();
    await secret.waitFor({ state: "detached" });

    await page.getByRole("heading", { name: "Delivery log: Our HR bus" }).waitFor();
    await page.getByText("No deliveries yet").waitFor();
    await page.getByRole("button", { name: "Send test event to Our HR bus" }).click();
    await expectToast(page, "Test event queued. It appears in the delivery log.");
    const row = page.getByRole("row", { name: /webhook\.test/ });
    await row.getByText("Delivered").waitFor({ timeout: 15_000 });
    expect(await row.textContent()).toContain("200");
    expect(received).toHaveLength(1);
    expect(received[0]?.headers["trellis-webhook-signature"]).toMatch(/^v1=[0-9a-f]{64}$/);

    await row.getByRole("button", { name: /Details/ }).click();
    await page.getByRole("heading", { name: "Request body" }).waitFor();
    await page.getByText("thanks").waitFor();
    await expectAccessible(page, "webhooks (delivery log)");
  }, 60_000);
});
