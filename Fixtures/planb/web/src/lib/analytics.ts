/**
 * GA4 Measurement Protocol. Needs process.env.GA4_ID and GA4_API_SECRET;
 * fail-soft: without them we only warn.
 */
export async function track(event: string) {
  const id = process.env.GA4_ID;
  const secret = process.env.GA4_API_SECRET;
  if (!id || !secret) {
    console.warn("GA4 not configured");
    return;
  }
  await fetch(`https://www.google-analytics.com/mp/collect?measurement_id=${id}&api_secret=${secret}`, {
    method: "POST",
    body: JSON.stringify({ events: [{ name: event }] }),
  });
}
