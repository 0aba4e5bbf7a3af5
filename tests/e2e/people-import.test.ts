import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeOrganization, makePerson } from "../../src/server/testing/factories.ts";
import { type E2E, signedInSession, startE2E, visit } from "./app.ts";
import { expectAccessible } from "./browser.ts";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

const FILE = [
  "Email,Name,Title,Department,Level,Manager,Time zone,Languages,Role",
  "lena@import.test,Lena Lead,Lead,Engineering,5,,Europe/Berlin,English;German,member",
  "max@import.test,Max Report,Engineer,Engineering,2,lena@import.test,Europe/Berlin,English,member",
  "broken-email,No Email,,,,,,,",
  "zoe@import.test,Zoe,,,,ghost@import.test,,,",
].join("\n");

describe("people import", () => {
  it("an org admin uploads a CSV, reads the preview's problems, imports and follows the progress to the result", async () => {
    const org = await makeOrganization(e2e.server.db, "Importing");
    const admin = await makePerson(e2e.server.db, org, { role: "org_admin", name: "Ida Admin" });
    const { page, context } = await signedInSession(e2e, admin.email);

    await visit(page, "/admin/integrations/import", "Import and export (CSV)");
    await page.getByText("No file uploaded yet").waitFor();
    expect(await page.getByRole("link", { name: "Download the template" }).getAttribute("href")).toBe(
      "/api/people/imports/template.csv",
    );
    await expectAccessible(page, "import and export (empty)");

    await page.getByLabel("CSV file").setInputFiles({
      name: "people.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(FILE),
    });
    await page.getByRole("button", { name: "Upload and preview" }).click();
    await page.getByRole("heading", { name: "Preview of people.csv: 4 rows" }).waitFor();
    const problems = page.getByRole("table", { name: "Problems found in the file, by row" });
    await problems.waitFor();
    expect(await problems.getByRole("row").count()).toBe(3);
    expect(await problems.getByRole("row", { name: /^4 email/ }).textContent()).toContain(
      "Not a valid email",
    );
    expect(await problems.getByRole("row", { name: /^5 manager_email/ }).textContent()).toContain(
      "matches nobody",
    );
    await expectAccessible(page, "import preview with errors");

    await page.getByRole("button", { name: "Import 2 changes" }).click();
    const bar = page.getByRole("progressbar", { name: /Import progress/ });
    await bar.waitFor();
    await page.getByText("The import is complete.").waitFor();
    expect(await bar.getAttribute("value")).toBe("100");
    await page.getByText("Import progress: 100 %").waitFor();
    expect(await page.getByRole("definition").first().textContent()).toBe("2");
    await expectAccessible(page, "import completed");

    const max = await e2e.server.db
      .selectFrom("person as p")
      .innerJoin("person as m", "m.id", "p.manager_id")
      .select(["p.status", "m.email as manager"])
      .where("p.email", "=", "max@import.test")
      .executeTakeFirstOrThrow();
    expect(max).toEqual({ status: "invited", manager: "lena@import.test" });

    await page.getByRole("heading", { name: "Exports" }).waitFor();
    expect(await page.getByRole("link", { name: "Download people (CSV)" }).getAttribute("href")).toBe(
      "/api/exports/people.csv",
    );
    await context.close();
  });
});
