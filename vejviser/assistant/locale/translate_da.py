"""Danish translations of the assistant's interface, applied to its own catalogue.

After new strings are extracted (from vejviser/assistant:
``../../.venv/bin/django-admin makemessages -l da -l en --settings=vejviser.settings
--pythonpath=/work/main``), run ``.venv/bin/python vejviser/assistant/locale/translate_da.py``.
It fills in only empty translations (hand edits are kept) and compiles both .mo files
with polib.
"""

from __future__ import annotations

import sys
from pathlib import Path

from vejviser.lib.catalogues import run

DA: dict[str, str] = {
    "question": "spørgsmål",
    "answer": "svar",
    "sources": "kilder",
    "project": "projekt",
    "user": "bruger",
    "Assistant": "Assistent",
    "Your question": "Dit spørgsmål",
    "Useful": "Nyttigt",
    "Not useful": "Ikke nyttigt",
    "Comment (optional)": "Kommentar (valgfri)",
    "created": "oprettet",
    "updated": "opdateret",
    "conversation": "samtale",
    "offline (from the content)": "offline (fra indholdet)",
    "language model": "sprogmodel",
    "from the project's steps": "fra projektets trin",
    "no answer found": "intet svar fundet",
    "With identifiers removed.": "Med personhenførbare oplysninger fjernet.",
    "List of {title, ref, url}.": "Liste af {title, ref, url}.",
    "links": "links",
    "language": "sprog",
    "mode": "måde",
    "assessment tool": "vurderingsværktøj",
    "identifiers removed": "fjernede oplysninger",
    "How many of each kind were removed from the question (never the values).": (
        "Hvor mange af hver slags der blev fjernet fra spørgsmålet (aldrig selve værdierne)."
    ),
    "latency (ms)": "svartid (ms)",
    "asked": "spurgt",
    "question and answer": "spørgsmål og svar",
    "questions and answers": "spørgsmål og svar",
    "useful": "nyttigt",
    "comment": "kommentar",
    "given": "givet",
    "feedback": "feedback",
    "Ask Vejviser": "Spørg Vejviser",
    "Ask about the journey, the rules or your project's next steps. Answers about the "
    "project come from its steps; everything else from Vejviser's content, always with "
    "sources.": (
        "Spørg om rejsen, reglerne eller projektets næste skridt. Svar om projektet bygger "
        "på dets trin, alt andet på Vejvisers indhold – altid med kilder."
    ),
    "Ask about the AI journey, the rules and the experience behind Vejviser. Every answer "
    "comes from Vejviser's content and shows its sources.": (
        "Spørg om AI-rejsen, reglerne og erfaringerne bag Vejviser. Hvert svar bygger på "
        "Vejvisers indhold og viser sine kilder."
    ),
    "Never enter patient data.": "Skriv aldrig patientoplysninger.",
    "Conversation": "Samtale",
    "e.g. What is our next step?": "fx Hvad er vores næste skridt?",
    "e.g. When is a tender required?": "fx Hvornår er der krav om udbud?",
    "Ask": "Spørg",
    "Looking it up…": "Slår op …",
    "Try:": "Prøv:",
    "Thank you for your feedback.": "Tak for din feedback.",
    "You found this answer useful.": "Du har markeret svaret som nyttigt.",
    "You found this answer not useful.": "Du har markeret svaret som ikke nyttigt.",
    "Was the answer useful?": "Var svaret nyttigt?",
    "Add a comment": "Tilføj en kommentar",
    "What was missing or wrong? (optional, no patient data)": (
        "Hvad manglede eller var forkert? (valgfrit, ingen patientoplysninger)"
    ),
    "Write your comment, then choose Useful or Not useful.": (
        "Skriv din kommentar, og vælg så Nyttigt eller Ikke nyttigt."
    ),
    "You asked": "Du spurgte",
    "We removed contact details (phone numbers or e-mail addresses) from your question "
    "before it was processed.": (
        "Vi fjernede kontaktoplysninger (telefonnumre eller e-mailadresser) fra dit "
        "spørgsmål, før det blev behandlet."
    ),
    "From this project's steps, as you can see them": ("Fra projektets trin, som du kan se dem"),
    "Written by a language model from the sources below": (
        "Skrevet af en sprogmodel ud fra kilderne nedenfor"
    ),
    "Sources": "Kilder",
    "Questions about your own project — “what is our next step?”, “who should we involve "
    "now?” — are answered in the panel on the project's page, from "
    '<a href="%(projects_url)s">your projects</a>.': (
        "Spørgsmål om jeres eget projekt – »hvad er vores næste skridt?«, »hvem skal vi have "
        "med nu?« – besvares i panelet på projektets side; find det under "
        '<a href="%(projects_url)s">dine projekter</a>.'
    ),
}

PLURALS: dict[str, tuple[str, str]] = {
    "We removed a CPR number from your question before it was processed.": (
        "Vi fjernede et CPR-nummer fra dit spørgsmål, før det blev behandlet.",
        "Vi fjernede %(n)s CPR-numre fra dit spørgsmål, før det blev behandlet.",
    ),
}


def main() -> int:
    return run(Path(__file__).resolve().parent, {**DA, **PLURALS})


if __name__ == "__main__":
    sys.exit(main())
