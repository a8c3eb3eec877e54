"""Answers support questions with two models, the second as a fallback."""
import os

import openai
from anthropic import Anthropic

# import stripe  (payments are not handled here)

def answer(question: str) -> str:
    try:
        reply = openai.chat.completions.create(
            model="gpt-4o-mini", messages=[{"role": "user", "content": question}]
        )
        return reply.choices[0].message.content
    except openai.OpenAIError:
        claude = Anthropic(api_key=os.environ["ANTHROPIC_API_KEY"])
        message = claude.messages.create(
            model="claude-3-5-haiku-latest", max_tokens=512,
            messages=[{"role": "user", "content": question}],
        )
        return message.content[0].text
