export { type Cell, csvField, neutralizeFormula, toCsv } from "../csv.ts";
