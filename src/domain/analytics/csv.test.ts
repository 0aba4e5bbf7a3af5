import { describe, expect, it } from "vitest";
import { csvField, toCsv } from "./csv.ts";

describe("CSV", () => {
  it("quotes fields with commas, quotes and line breaks (RFC 4180) and ends lines with CRLF", () => {
    expect(csvField('Sales, "EMEA"')).toBe('"Sales, ""EMEA"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField(null)).toBe("");
    expect(csvField(0.25)).toBe("0.25");
    expect(toCsv(["a", "b"], [["x", 1]])).toBe("a,b\r\nx,1\r\n");
  });

  it("neutralizes cells a spreadsheet would run as a formula", () => {
    expect(csvField('=HYPERLINK("http://evil")')).toBe('"\'=HYPERLINK(""http://evil"")"');
    expect(csvField("+1")).toBe("'+1");
    expect(csvField("-2+3")).toBe("'-2+3");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvField("\tcmd")).toBe("'\tcmd");
    expect(csvField("Sales")).toBe("Sales");
  });
});
