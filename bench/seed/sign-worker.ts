import { parentPort, workerData } from "node:worker_threads";
import { credentialSigner, type KeyMaterial } from "./credential-signing.ts";

export interface SignJob {
  id: string;
  credential: Record<string, unknown>;
  issuedAt: string;
}

const port = parentPort;
if (!port) throw new Error("sign-worker runs as a worker thread.");
const signOne = await credentialSigner(workerData as KeyMaterial);
port.on("message", async (batch: SignJob[]) => {
  const out: [string, string][] = [];
  for (const job of batch) out.push([job.id, await signOne(job.credential, job.issuedAt)]);
  port.postMessage(out);
});
port.postMessage("ready");
