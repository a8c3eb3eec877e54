import OpenAI from "openai";

const client = new OpenAI();

export async function answer(question) {
  const reply = await client.chat.completions.create({
    model: "gpt-4o-mini",
    messages: [{ role: "user", content: question }],
  });
  return reply.choices[0].message.content;
}
