"""From retrieved passages to a cited answer: extraction, generation, verification, follow-ups."""
