import Stripe from "stripe";

export const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);
export const sessionSecret = process.env.SESSION_SECRET;
export const resendKey = process.env.RESEND_API_KEY;
export const commented = process.env.COMMENTED_KEY;
export const host = process.env.VERCEL_URL;
export const flag = process.env.FEATURE_FLAG_BETA;
export const analytics = process.env.ANALYTICS_API_SECRET;
