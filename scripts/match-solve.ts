/**
 * Solve a mentoring assignment problem exactly: `npm run --silent match:solve < problem.json > solution.json`.
 * See `match-solve-core.ts` for the formats. A malformed problem: one message on stderr, exit code 2.
 */
import { solveProblemText } from "./match-solve-core.ts";

const USAGE = "usage: npm run --silent match:solve < problem.json > solution.json";

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin)
    chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString("utf8");
}

async function main(): Promise<void> {
  if (process.stdin.isTTY) {
    process.stderr.write(`match:solve: no problem on standard input\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  const result = solveProblemText(await readStdin());
  if (result.ok) {
    process.stdout.write(result.output);
    process.exitCode = 0;
  } else {
    process.stderr.write(`match:solve: ${result.error}\n`);
    process.exitCode = 2;
  }
}

main().catch((error: unknown) => {
  // Not a malformed problem but a failure of the command itself: still one line, no stack trace.
  process.stderr.write(
    `match:solve: internal error: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 1;
});
