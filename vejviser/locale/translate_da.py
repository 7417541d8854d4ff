"""Danish translations of the UI strings, applied to locale/da/LC_MESSAGES/django.po.

Run after `make messages` extracts new strings:  .venv/bin/python vejviser/locale/translate_da.py
The table below is the source of truth for this catalogue (entries not in it keep their
hand-written translation); gettext's fuzzy guesses are never accepted. It compiles the
.mo files of every catalogue (with polib, so gettext is not needed for this step).
"""

from __future__ import annotations

from pathlib import Path

import polib

DA: dict[str, str] = {
    "Accounts": "Konti",
    'Give at least one source as [{"doc": "…", "section": "…"}].': 'Angiv mindst én kilde som [{"doc": "…", "section": "…"}].',
    "Unknown source: %(docs)s.": "Ukendt kilde: %(docs)s.",
    "Tools must be a list of known tool ids, e.g. %(example)s.": "Værktøjer skal være en liste af kendte værktøjs-id'er, fx %(example)s.",
    "Assistant": "Assistent",
    "Name": "Navn",
    "What the token is for, e.g. 'report script'.": "Hvad nøglen bruges til, fx 'rapportscript'.",
    "name": "navn",
    "API token": "API-nøgle",
    "The token is revoked.": "Nøglen er tilbagekaldt.",
    "Journey content": "Rejsens indhold",
    "content version": "indholdsversion",
    "List of {doc, section}.": "Liste af {doc, section}.",
    "Edited in the admin; a content load keeps this edit unless forced.": "Redigeret i administrationen; en indlæsning af indholdet beholder redigeringen, medmindre den gennemtvinges.",
    "No longer in the content files; kept for history.": "Findes ikke længere i indholdsfilerne; gemt af hensyn til historikken.",
    "source": "kilde",
    "role": "rolle",
    "track": "spor",
    "phase": "fase",
    "attention point": "opmærksomhedspunkt",
    "action": "handling",
    "Assessment: EU AI Act risk tier": "Vurdering: risikoniveau efter AI-forordningen",
    "Assessment: MDR qualification and class": "Vurdering: medicinsk udstyr og klasse (MDR)",
    "Assessment: GDPR legal basis and DPIA": "Vurdering: hjemmel og konsekvensanalyse (GDPR)",
    "Assessment: approvals (ethics committee)": "Vurdering: godkendelser (videnskabsetisk komité)",
    "Assessment: procurement route and threshold": "Vurdering: udbudsform og tærskelværdi",
    "Validation on local data (retrospective)": "Validering på lokale data (retrospektiv)",
    "Validation in clinical use (prospective)": "Validering i klinisk brug (prospektiv)",
    "Sample size for a prospective validation": "Stikprøvestørrelse til prospektiv validering",
    "Business case simulation": "Simulering af business case",
    "Product catalogue": "Produktkatalog",
    "Needs prioritisation": "Prioritering af behov",
    "Requirement specification builder": "Kravspecifikation",
    "Tender evaluation": "Tilbudsevaluering",
    "Document: project description": "Dokument: projektbeskrivelse",
    "Document: requirement specification": "Dokument: kravspecifikation",
    "Document: business case": "Dokument: business case",
    "Document: mini-HTA": "Dokument: mini-MTV",
    "Document: validation report": "Dokument: valideringsrapport",
    "Document: evaluation report": "Dokument: evalueringsrapport",
    "Document: collaboration agreement": "Dokument: samarbejdsaftale",
    "Monitoring in operation": "Overvågning i drift",
    "Share results with other regions": "Del resultater med andre regioner",
    "Ask the assistant": "Spørg assistenten",
    "Projects": "Projekter",
    "The clinical need and the idea, in a few lines. Markdown is allowed.": "Det kliniske behov og idéen med få ord. Markdown er tilladt.",
    "For example radiotherapy, general practice, radiology.": "Fx stråleterapi, almen praksis, radiologi.",
    "New idea: develop a new AI product. Finished product: adopt a CE-marked one.": "Ny idé: udvikl et nyt AI-produkt. Færdigt produkt: tag et CE-mærket produkt i brug.",
    "Your role on the project": "Din rolle i projektet",
    "What has been done, open questions, links. Markdown is allowed.": "Hvad er gjort, åbne spørgsmål, links. Markdown er tilladt.",
    "Decisions made in this step, with date and who decided.": "Beslutninger i dette trin, med dato og hvem der besluttede.",
    "Vendor members of the project can see this step.": "Leverandører på projektet kan se dette trin.",
    "Username or e-mail": "Brugernavn eller e-mail",
    "The person must have a user.": "Personen skal have en bruger.",
    "Role": "Rolle",
    "No user with that username or e-mail.": "Der findes ingen bruger med det brugernavn eller den e-mail.",
    "%(name)s is already on the project.": "%(name)s er allerede med i projektet.",
    "Capital Region of Denmark": "Region Hovedstaden",
    "Region Zealand": "Region Sjælland",
    "Region of Southern Denmark": "Region Syddanmark",
    "Central Denmark Region": "Region Midtjylland",
    "North Denmark Region": "Region Nordjylland",
    "National / cross-regional": "Nationalt / tværregionalt",
    "Clinician": "Kliniker",
    "Lawyer": "Jurist",
    "IT architect": "IT-arkitekt",
    "Procurement consultant": "Indkøbskonsulent",
    "Innovation consultant": "Innovationskonsulent",
    "Company / vendor": "Virksomhed / leverandør",
    "Management": "Ledelse",
    "Not started": "Ikke startet",
    "In progress": "I gang",
    "Done": "Afsluttet",
    "Not relevant": "Ikke relevant",
    "title": "titel",
    "description": "beskrivelse",
    "clinical area": "klinisk område",
    "department": "afdeling",
    "region": "region",
    "project": "projekt",
    "owner": "ejer",
    "membership": "medlemskab",
    "status": "status",
    "responsible": "ansvarlig",
    "due date": "frist",
    "notes": "noter",
    "decisions": "beslutninger",
    "shared with vendor": "delt med leverandør",
    "step": "trin",
    "created the project": "oprettede projektet",
    "changed the project": "ændrede projektet",
    "changed a step": "ændrede et trin",
    "added a member": "tilføjede et medlem",
    "changed a member's role": "ændrede et medlems rolle",
    "removed a member": "fjernede et medlem",
    "audit event": "logpost",
    "The project is created. Here is your journey.": "Projektet er oprettet. Her er jeres rejse.",
    "The project is saved.": "Projektet er gemt.",
    "The step is saved.": "Trinnet er gemt.",
    "Nothing was changed.": "Intet blev ændret.",
    "The status could not be changed: choose one of the statuses.": "Status kunne ikke ændres: vælg en af de mulige statusser.",
    "someone": "en anden",
    "“%(step)s” was changed by %(who)s while you were looking. Nothing was saved; the page now shows the current state.": "“%(step)s” blev ændret af %(who)s, mens du kiggede. Intet er gemt; siden viser nu, hvordan det står.",
    "%(name)s is added to the project.": "%(name)s er tilføjet projektet.",
    "That member is no longer on the project.": "Det medlem er ikke længere med i projektet.",
    "The project's only owner cannot be removed.": "Projektets eneste ejer kan ikke fjernes.",
    "%(name)s is removed from the project.": "%(name)s er fjernet fra projektet.",
    "Choose one of the roles.": "Vælg en af rollerne.",
    "The role is changed.": "Rollen er ændret.",
    "Danish": "Dansk",
    "English": "Engelsk",
    "Too many attempts": "For mange forsøg",
    "Too many failed log-ins": "For mange mislykkede login",
    "For your security, logging in with this username is paused for 15 minutes. Try again later, or ask your administrator to reset your password.": "Af hensyn til sikkerheden er login med dette brugernavn sat på pause i 15 minutter. Prøv igen senere, eller bed din administrator om at nulstille din adgangskode.",
    "API tokens": "API-nøgler",
    "Scripts use a token to call the Vejviser API with your permissions: send it as <code>Authorization: Bearer &lt;token&gt;</code>. The API is described at <a href=\"/api/v1/docs\">/api/v1/docs</a>.": "Scripts bruger en nøgle til at kalde Vejvisers API med dine rettigheder: send den som <code>Authorization: Bearer &lt;nøgle&gt;</code>. API'et er beskrevet på <a href=\"/api/v1/docs\">/api/v1/docs</a>.",
    "Your new token (copy it now, it is shown only once):": "Din nye nøgle (kopiér den nu, den vises kun én gang):",
    "New token": "Ny nøgle",
    "Create token": "Opret nøgle",
    "Your tokens": "Dine nøgler",
    "Starts with": "Begynder med",
    "Created": "Oprettet",
    "Last used": "Sidst brugt",
    "Revoke": "Tilbagekald",
    "You have no tokens.": "Du har ingen nøgler.",
    "Skip to content": "Spring til indhold",
    "the AI journey in Danish healthcare": "AI-rejsen i det danske sundhedsvæsen",
    "Main menu": "Hovedmenu",
    "My projects": "Mine projekter",
    "The journey": "Rejsen",
    "Content (admin)": "Indhold (admin)",
    "Log out": "Log ud",
    "Log in": "Log ind",
    "Vejviser builds on AI-rejsen, Region Syddanmark's guidelines for AI procurement and the ATV project. Guidance is not legal advice: check with your lawyer.": "Vejviser bygger på AI-rejsen, Region Syddanmarks guidelines for indkøb af AI og ATV-projektet. Vejledningen er ikke juridisk rådgivning: tjek med jeres jurist.",
    "Source": "Kilde",
    "Please correct the fields marked below. Nothing has been saved yet.": "Ret venligst de markerede felter nedenfor. Intet er gemt endnu.",
    "The AI journey": "AI-rejsen",
    "Two tracks lead from a clinical need to an AI product in daily use. Choose “New idea” when you develop a new product, “Finished product” when you adopt one that is already CE-marked. The route is rarely straight: use the steps flexibly.": "To spor fører fra et klinisk behov til et AI-produkt i daglig brug. Vælg “Ny idé”, når I udvikler et nyt produkt, og “Færdigt produkt”, når I tager et allerede CE-mærket produkt i brug. Ruten er sjældent snorlige: brug trinnene fleksibelt.",
    "Read the guide": "Læs guiden",
    "Phase": "Fase",
    "Pay attention to": "Vær opmærksom på",
    "Central actions": "Centrale handlinger",
    "Done when": "Afsluttet, når",
    "Tools in Vejviser": "Værktøjer i Vejviser",
    "Someone else saved this while you were editing.": "En anden har gemt, mens du redigerede.",
    "another user": "en anden bruger",
    "Saved by %(who)s at %(when)s.": "Gemt af %(who)s %(when)s.",
    "Your changes have NOT been saved. They are still in the form below. Compare with what is saved now; press Save again to replace it with your version.": "Dine ændringer er IKKE gemt. De står stadig i formularen nedenfor. Sammenlign med det, der er gemt nu; tryk Gem igen for at erstatte det med din version.",
    "Timeline": "Tidslinje",
    "Phases of the journey": "Rejsens faser",
    "done": "færdig",
    "you are here": "I er her",
    "ahead": "senere",
    "Step": "Trin",
    "Responsible / due": "Ansvarlig / frist",
    "Status": "Status",
    "overdue": "overskredet",
    "Status of": "Status for",
    "Save": "Gem",
    "Your next steps": "Jeres næste skridt",
    "Involve": "Inddrag",
    "No member has this role yet": "Ingen på projektet har denne rolle endnu",
    "missing": "mangler",
    "add to the team": "tilføj til teamet",
    "— nobody —": "— ingen —",
    "Every step is closed. The journey is complete — remember to monitor the product in operation.": "Alle trin er lukket. Rejsen er gennemført — husk at overvåge produktet i drift.",
    "Progress": "Fremdrift",
    "%(p)s %% of the steps closed": "%(p)s %% af trinnene er lukket",
    "Audit trail": "Ændringslog",
    "Every change to the project: who, when, what, and the values before and after.": "Alle ændringer i projektet: hvem, hvornår, hvad, og værdierne før og efter.",
    "When": "Hvornår",
    "Who": "Hvem",
    "What": "Hvad",
    "Changes": "Ændringer",
    "No changes yet.": "Ingen ændringer endnu.",
    "New project": "Nyt projekt",
    "All steps closed": "Alle trin lukket",
    "Next": "Næste",
    "Your role": "Din rolle",
    "You are not on any project yet.": "Du er ikke med i noget projekt endnu.",
    "Start a project for your clinical need, or read <a href=\"/journey/\">the journey</a> first to see what lies ahead.": "Start et projekt for jeres kliniske behov, eller læs først om <a href=\"/journey/\">rejsen</a> for at se, hvad der venter.",
    "Team": "Team",
    "The team": "Teamet",
    "The clinician needs a good team: a lawyer, an IT architect, a procurement consultant and an innovation consultant, and later the vendor and management.": "Klinikeren har brug for et godt team: en jurist, en IT-arkitekt, en indkøbskonsulent og en innovationskonsulent, og senere leverandøren og ledelsen.",
    "Remove": "Fjern",
    "Add a member": "Tilføj et medlem",
    "Add": "Tilføj",
    "Vendor view: you see the steps shared with vendors": "Leverandørvisning: du ser de trin, der er delt med leverandører",
    "Edit project": "Redigér projekt",
    "Guide to this track": "Guide til dette spor",
    "Create project": "Opret projekt",
    "Cancel": "Annullér",
    "What to do": "Hvad skal I gøre",
    "Saved now": "Gemt nu",
    "Responsible": "Ansvarlig",
    "Due date": "Frist",
    "Notes": "Noter",
    "Decisions": "Beslutninger",
    "Your work on this step": "Jeres arbejde med dette trin",
    "Who takes part": "Hvem deltager",
    "nobody on the project yet": "ingen på projektet endnu",
    "planned": "planlagt",
    "History of this step": "Trinnets historik",
    "Username and password did not match. Try again.": "Brugernavn og adgangskode passede ikke sammen. Prøv igen.",
    "What is Vejviser?": "Hvad er Vejviser?",
    "Vejviser guides clinicians and the team around them from a clinical need to an AI product in safe, monitored daily use: the phases of the AI journey, what to do next, who to involve, and where each piece of guidance comes from.": "Vejviser guider klinikere og teamet omkring dem fra et klinisk behov til et AI-produkt i sikker, overvåget daglig brug: AI-rejsens faser, hvad I skal gøre nu, hvem I skal inddrage, og hvor hver vejledning kommer fra.",
    "Read the journey without logging in": "Læs om rejsen uden at logge ind",
    "Change": "Skift",
}

PLURALS: dict[str, tuple[str, str]] = {
    "%(n)s action": ("%(n)s handling", "%(n)s handlinger"),
    "%(n)s overdue step": ("%(n)s overskredet trin", "%(n)s overskredne trin"),
}


def main() -> None:
    base = Path(__file__).resolve().parent
    po_path = base / "da" / "LC_MESSAGES" / "django.po"
    po = polib.pofile(str(po_path))
    missing = []
    for entry in po:
        fuzzy = "fuzzy" in entry.flags
        if entry.msgid_plural:
            if entry.msgid in PLURALS:
                one, many = PLURALS[entry.msgid]
                entry.msgstr_plural = {0: one, 1: many}
            elif fuzzy or not any(entry.msgstr_plural.values()):
                missing.append(entry.msgid)
                continue
        elif entry.msgid in DA:  # the table above is the source of truth
            entry.msgstr = DA[entry.msgid]
        elif fuzzy or not entry.msgstr:  # gettext's fuzzy guesses are not translations
            missing.append(entry.msgid)
            continue
        if fuzzy:
            entry.flags.remove("fuzzy")
    po.save()
    po.save_as_mofile(str(po_path.with_suffix(".mo")))
    # Compile every catalogue: this one and the capability apps' own (vejviser/*/locale).
    for other in sorted(base.parent.glob("*/locale/*/LC_MESSAGES/django.po")):
        polib.pofile(str(other)).save_as_mofile(str(other.with_suffix(".mo")))
    en = polib.pofile(str(base / "en" / "LC_MESSAGES" / "django.po"))
    en.save_as_mofile(str(base / "en" / "LC_MESSAGES" / "django.mo"))
    for msgid in missing:
        print(f"missing Danish translation: {msgid!r}")


if __name__ == "__main__":
    main()
