import nodemailer, { type Transporter } from "nodemailer";

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** `<unique@host>`; a mail sent again under the same id is recognisably the same message. */
  messageId?: string;
  /** Extra headers, e.g. List-Unsubscribe. */
  headers?: Record<string, string>;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

export function createMailer(smtpUrl: string, from: string): Mailer {
  const transport: Transporter = nodemailer.createTransport(smtpUrl);
  return {
    async send(mail) {
      await transport.sendMail({ from, ...mail });
    },
    close() {
      transport.close();
    },
  };
}

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch] ?? ch,
  );

export function actionMail(
  to: string,
  subject: string,
  intro: string,
  actionLabel: string,
  url: string,
  footer?: { text: string; url: string },
): OutgoingMail {
  const end = footer
    ? {
        text: `\n\n--\n${footer.text}: ${footer.url}`,
        html: `<hr><p><small>${escapeHtml(footer.text)}: <a href="${escapeHtml(footer.url)}">${escapeHtml(footer.url)}</a></small></p>`,
      }
    : { text: "", html: "" };
  return {
    to,
    subject,
    text: `${intro}\n\n${actionLabel}: ${url}\n\nIf you did not expect this email, you can ignore it.${end.text}`,
    html: `<p>${escapeHtml(intro)}</p><p><a href="${escapeHtml(url)}">${escapeHtml(actionLabel)}</a></p><p>If you did not expect this email, you can ignore it.</p>${end.html}`,
  };
}
