// The support chatbot: questions go to the chat backend, which asks OpenAI.
import OpenAI from "openai";

const client = new OpenAI({ apiKey: window.CHAT_TOKEN, dangerouslyAllowBrowser: true });

export async function ask(question) {
  const reply = await client.chat.completions.create({
    model: "gpt-4o-mini",
    messages: [{ role: "user", content: question }],
  });
  return reply.choices[0].message.content;
}
