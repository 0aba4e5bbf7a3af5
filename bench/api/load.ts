import autocannon from "autocannon";

export interface LoadRequest {
  method?: "GET" | "POST" | "PUT" | "PATCH";
  path: string;
  headers?: Record<string, string>;
  /** A fresh body per request, for writes that must differ each time. */
  body?: () => string;
}

export interface LoadResult {
  requests: number;
  reqPerSec: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  errors: number;
  /** Bytes received per response, headers included: how much a compressed answer saves shows here. */
  bytesPerResponse: number;
  /** What the errors were: 5xx and 4xx answers, requests the client gave up on, and failed connections. */
  errorKinds: { serverErrors: number; clientErrors: number; timeouts: number; connectionErrors: number };
}

const percentile = (sorted: number[], p: number) =>
  sorted.length
    ? (sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number)
    : 0;

/**
 * Drives `url` with autocannon and takes the percentiles from every response's own time
 * (autocannon's summary has no p95). `rate` caps the total requests per second; without it, as fast as it goes.
 */
export async function load(
  url: string,
  request: LoadRequest,
  options: { seconds: number; connections: number; rate?: number | undefined },
): Promise<LoadResult> {
  const times: number[] = [];
  let serverErrors = 0;
  let clientErrors = 0;
  let finish: (result: autocannon.Result) => void = () => {};
  let fail: (err: unknown) => void = () => {};
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const instance = autocannon(
    {
      url: url + request.path,
      method: request.method ?? "GET",
      headers: request.headers ?? {},
      connections: options.connections,
      duration: options.seconds,
      ...(options.rate ? { overallRate: options.rate } : {}),
      ...(request.body
        ? {
            requests: [
              {
                setupRequest: (req: autocannon.Request) => ({
                  ...req,
                  body: (request.body as () => string)(),
                }),
              },
            ],
          }
        : {}),
    },
    (err, result) => (err ? fail(err) : finish(result)),
  );
  instance.on("response", (_client, statusCode, _bytes, responseTime) => {
    times.push(responseTime);
    if (statusCode >= 500) serverErrors++;
    else if (statusCode >= 400) clientErrors++;
  });
  const result = await done;
  times.sort((a, b) => a - b);
  return {
    requests: times.length,
    reqPerSec: Math.round(times.length / options.seconds),
    p50Ms: round(percentile(times, 50)),
    p95Ms: round(percentile(times, 95)),
    p99Ms: round(percentile(times, 99)),
    errors: serverErrors + clientErrors + result.errors,
    bytesPerResponse: Math.round(result.throughput.total / Math.max(1, result.requests.total)),
    errorKinds: {
      serverErrors,
      clientErrors,
      timeouts: result.timeouts,
      connectionErrors: result.errors - result.timeouts,
    },
  };
}

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * One request, waited for: the time of a cold answer (the first computation of a report, say), so the load
 * that follows measures the endpoint warm.
 */
export async function firstAnswer(
  url: string,
  request: LoadRequest,
): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  const res = await fetch(url + request.path, {
    method: request.method ?? "GET",
    headers: request.headers ?? {},
    ...(request.body ? { body: request.body() } : {}),
  });
  await res.arrayBuffer();
  return { status: res.status, ms: Math.round((performance.now() - started) * 100) / 100 };
}
