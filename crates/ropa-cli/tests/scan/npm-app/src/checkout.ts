import Stripe from "stripe";

const stripe = new Stripe(process.env.STRIPE_KEY ?? "");

export function checkout(amount: number) {
  return stripe.paymentIntents.create({ amount, currency: "eur" });
}
