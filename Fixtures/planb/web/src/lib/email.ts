import { ServerClient } from "postmark";
import { createHmac } from "crypto";

const postmark = new ServerClient(process.env["POSTMARK_SERVER_TOKEN"] ?? "");

/* RFC 8058 one-click unsubscribe. Signed with process.env.UNSUBSCRIBE_SIGNING_OLD (retired). */
export function unsubscribeUrl(email: string): string {
  const sig = createHmac("sha256", process.env.UNSUBSCRIBE_TOKEN_SECRET as string).update(email).digest("hex");
  return `${process.env.NEXT_PUBLIC_APP_URL}/unsubscribe?e=${encodeURIComponent(email)}&s=${sig}`;
}

export const sender = "process.env.NOT_A_READER is just text in a string";
