import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** The Message-ID header, with its angle brackets; "" when the mail had none. */
  messageId: string;
  receivedAt: string;
}

export interface DevSmtpServer {
  url: string;
  port: number;
  inbox: ReceivedMail[];
  /** Resolves with the first mail to `to` that arrives (or has arrived) after the call. */
  /** The next mail to `to` that `match` accepts (any mail when there is no `match`). */
  waitFor(
    to: string,
    options?: { match?: (mail: ReceivedMail) => boolean; timeoutMs?: number },
  ): Promise<ReceivedMail>;
  close(): Promise<void>;
}

/**
 * A real SMTP server, run in-process for development and tests when no SMTP_URL is configured.
 * Mail is parsed, kept in memory and handed to `onMail` (the dev server prints links to the console).
 */
export async function startDevSmtp(
  options: {
    port?: number;
    onMail?: (mail: ReceivedMail) => void;
    /** How many mails the inbox keeps, oldest dropped first. */
    inboxLimit?: number;
    /** Answers RCPT TO for an address with an error (e.g. a 450 or 550 reply) instead of accepting it. */
    rejectRecipient?: (address: string) => { code: number; message: string } | null;
  } = {},
): Promise<DevSmtpServer> {
  const inbox: ReceivedMail[] = [];
  const waiters: {
    to: string;
    match?: (mail: ReceivedMail) => boolean;
    resolve: (m: ReceivedMail) => void;
  }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, _session, callback) {
      const refusal = options.rejectRecipient?.(address.address.toLowerCase());
      if (!refusal) return callback();
      callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const to = (Array.isArray(parsed.to) ? parsed.to : parsed.to ? [parsed.to] : []).flatMap((a) =>
            a.value.map((v) => (v.address ?? "").toLowerCase()),
          );
          const mail: ReceivedMail = {
            to,
            subject: parsed.subject ?? "",
            text: parsed.text ?? "",
            html: typeof parsed.html === "string" ? parsed.html : "",
            messageId: parsed.messageId ?? "",
            receivedAt: new Date().toISOString(),
          };
          inbox.push(mail);
          if (inbox.length > (options.inboxLimit ?? 200)) inbox.shift();
          options.onMail?.(mail);
          for (const w of [...waiters]) {
            if (to.includes(w.to) && (w.match?.(mail) ?? true)) {
              waiters.splice(waiters.indexOf(w), 1);
              w.resolve(mail);
            }
          }
          callback();
        })
        .catch((err: Error) => callback(err));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  // smtp-server re-emits each connection's errors on the server, where an unheard one would end the process: a
  // client that went away mid-conversation (ECONNRESET, a killed worker) is no fault of the server's.
  server.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code !== "ECONNRESET" && err.code !== "EPIPE")
      console.error("Built-in SMTP server:", err.message);
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    inbox,
    waitFor(to, { match, timeoutMs = 10_000 } = {}) {
      const address = to.toLowerCase();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`No mail to ${address} within ${timeoutMs} ms`)),
          timeoutMs,
        );
        waiters.push({
          to: address,
          match,
          resolve: (m) => {
            clearTimeout(timer);
            resolve(m);
          },
        });
      });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
