# ruff: noqa: E501
"""Danish translations of the business-case pages, applied to this app's catalogue.

After extracting new strings (from vejviser/value):
  ../../.venv/bin/django-admin makemessages -l da -l en -i "tests/*" \
      --settings=vejviser.settings --pythonpath=/work/main
run  .venv/bin/python vejviser/value/locale/translate_da.py
It fills in only empty Danish translations (hand edits in the .po are kept), fails on a
string it has no translation for, and compiles both .mo files with polib.
"""

from __future__ import annotations

import sys
from pathlib import Path

import polib

HERE = Path(__file__).resolve().parent

DA: dict[str, str | list[str]] = {
    "Value (business case)": "Værdi (business case)",
    "Horizon (operating years)": "Tidshorisont (driftsår)",
    "Discount rate (%)": "Diskonteringsrente (%)",
    "Hours per full-time equivalent": "Timer pr. årsværk",
    "Share in use in the first years (%)": "Andel i brug de første år (%)",
    "id": "id",
    "KPI": "Nøgletal",
    "expected": "forventet",
    "low": "lav",
    "high": "høj",
    "unit": "enhed",
    "origin": "oprindelse",
    "sources": "kilder",
    "kind": "type",
    "criterion": "kriterium",
    "measure": "måles som",
    "weight (%)": "vægt (%)",
    "direction": "retning",
    "Calculate with": "Regn med",
    "Low": "Lav",
    "Most likely": "Mest sandsynlig",
    "High": "Høj",
    "Mean": "Middelværdi",
    "Standard deviation": "Standardafvigelse",
    "fixed figure": "fast tal",
    "triangular distribution": "trekantfordeling",
    "PERT distribution": "PERT-fordeling",
    "uniform distribution": "ligefordeling",
    "normal distribution": "normalfordeling",
    "Activity": "Aktivitet",
    "Time saved": "Sparet tid",
    "Value of the time": "Værdien af tiden",
    "Costs": "Omkostninger",
    "Quality gains": "Kvalitetsgevinster",
    "Other assumptions": "Andre antagelser",
    "Name of the business case": "Navn på business casen",
    "For example the solution and your clinic or department.": "Fx løsningen og jeres klinik eller afdeling.",
    "Stage": "Stadie",
    "Expected in the idea phase, adjusted in development, revised after validation with measured figures.": "Forventet i idéfasen, tilpasset under udviklingen, revideret efter valideringen med målte tal.",
    "What changed, and why": "Hvad er ændret, og hvorfor",
    "For example: our own consultation count from the practice system.": "Fx: vores eget antal konsultationer fra praksissystemet.",
    "Years of operation after the start-up year, 1–%(max)s.": "Driftsår efter opstartsåret, 1–%(max)s.",
    "One figure per year, separated by semicolons, e.g. “50; 80”; full use after that. Empty: full use from year 1.": "Ét tal pr. år, adskilt af semikolon, fx “50; 80”; derefter fuld brug. Tomt: fuld brug fra år 1.",
    "Expected": "Forventet",
    "Adjusted": "Tilpasset",
    "Revised after validation": "Revideret efter validering",
    "Actual (in operation)": "Faktisk (i drift)",
    "project": "projekt",
    "step": "trin",
    "name": "navn",
    "template": "skabelon",
    "business case": "business case",
    "version": "version",
    "stage": "stadie",
    "case": "case",
    "figures": "tal",
    "changes": "ændringer",
    "note": "note",
    "business case version": "business case-version",
    "Business cases": "Business cases",
    "Open the chart (SVG)": "Åbn diagrammet (SVG)",
    "New version": "Ny version",
    "New business case": "Ny business case",
    "New version of “%(name)s”": "Ny version af “%(name)s”",
    "The form starts from version %(number)s. Change what you know better now; the new version records what changed.": "Formularen tager udgangspunkt i version %(number)s. Ret det, I ved bedre nu; den nye version viser, hvad der er ændret.",
    "The form is filled in with the example's figures. Replace them with your own; where a figure is our assumption, it says so.": "Formularen er udfyldt med eksemplets tal. Erstat dem med jeres egne; hvor et tal er vores antagelse, står det ved tallet.",
    "Someone else saved a newer version while you were editing.": "En anden har gemt en nyere version, mens du redigerede.",
    "another user": "en anden bruger",
    "Version %(number)s was saved by %(who)s at %(when)s.": "Version %(number)s blev gemt af %(who)s %(when)s.",
    "Nothing has been saved. Your figures are still in the form below.": "Intet er gemt. Dine tal står stadig i formularen nedenfor.",
    "See their version": "Se deres version",
    "Press Save again to save yours as the next version.": "Tryk “Gem og beregn” igen for at gemme dine tal som næste version.",
    "Please correct the fields marked below. Nothing has been saved yet.": "Ret venligst de markerede felter nedenfor. Intet er gemt endnu.",
    "About this version": "Om denne version",
    "Your figures": "Jeres tal",
    "How to fill in": "Sådan udfylder du formularen",
    "“Calculate with” is the figure used in the fixed (deterministic) calculation.": "“Regn med” er tallet, den faste (deterministiske) beregning bruger.",
    "“Low” and “High” give the uncertainty: the simulation draws 10,000 times between them (“Most likely” is the peak). Leave them empty for a figure you are sure of.": "“Lav” og “Høj” angiver usikkerheden: simuleringen trækker 10.000 gange mellem dem (“Mest sandsynlig” er toppunktet). Lad dem stå tomme for et tal, I er sikre på.",
    "Write numbers as you are used to: 2,5 or 20.000. Nothing is saved until you press Save.": "Skriv tal, som du plejer: 2,5 eller 20.000. Intet gemmes, før du trykker “Gem og beregn”.",
    "where the figure comes from": "hvor tallet kommer fra",
    "Calculation settings": "Beregningsindstillinger",
    "horizon, discount rate, hours per full-time equivalent, ramp-up": "tidshorisont, diskonteringsrente, timer pr. årsværk, indfasning",
    "The example's scenarios are kept and calculated with your figures:": "Eksemplets scenarier beholdes og regnes med jeres tal:",
    "Save and calculate": "Gem og beregn",
    "Cancel": "Annullér",
    "Business case": "Business case",
    "What the solution will cost and what it will give over the years, with the uncertainty: hours freed, net present value, payback — and what drives them. Every save is a new version, so the case can follow the journey: expected, adjusted, revised after validation.": "Hvad løsningen vil koste, og hvad den vil give over årene, med usikkerheden: frigjorte timer, nutidsværdi, tilbagebetaling — og hvad der driver dem. Hver gang I gemmer, bliver det en ny version, så casen kan følge rejsen: forventet, tilpasset, revideret efter validering.",
    "The project's business cases": "Projektets business cases",
    "Version": "Version",
    "Saved": "Gemt",
    "Hours freed a year": "Frigjorte timer pr. år",
    "Net present value (expected)": "Nutidsværdi (forventet)",
    "P5–P95 of the NPV": "Nutidsværdi, P5–P95",
    "P(NPV > 0)": "P(nutidsværdi > 0)",
    "DKK": "kr.",
    "New version from the latest": "Ny version ud fra den seneste",
    "The project has no business case yet.": "Projektet har endnu ingen business case.",
    "Start a new business case": "Start en ny business case",
    "Start from an example and replace its figures with your own. Every assumption says where it comes from: the source documents, or our assumption to be replaced with your clinic's figures.": "Start fra et eksempel, og erstat tallene med jeres egne. Hver antagelse viser, hvor den kommer fra: kildedokumenterne eller vores antagelse, som I erstatter med jeres kliniks tal.",
    "Start from this example": "Start fra dette eksempel",
    "Version %(number)s, saved by %(who)s at %(when)s": "Version %(number)s, gemt af %(who)s %(when)s",
    "Versions": "Versioner",
    "Versions:": "Versioner:",
    "Note on this version": "Note til denne version",
    "The expected result": "Det forventede resultat",
    "Every assumption at its expected figure, over %(years)s operating year after the start-up year.": [
        "Alle antagelser på deres forventede tal, over %(years)s driftsår efter opstartsåret.",
        "Alle antagelser på deres forventede tal, over %(years)s driftsår efter opstartsåret.",
    ],
    "Hours freed a year (in full use, year %(full_use_year)s)": "Frigjorte timer pr. år (i fuld brug, år %(full_use_year)s)",
    "= %(fte)s full-time equivalents": "= %(fte)s årsværk",
    "Net present value": "Nutidsværdi",
    "at a discount rate of %(rate)s %%": "med en diskonteringsrente på %(rate)s %%",
    "Net present value, cash only": "Nutidsværdi, kun kontant",
    "Freed time is capacity, not cash, unless staff or overtime fall.": "Frigjort tid er kapacitet, ikke kontanter, medmindre personale eller overarbejde falder.",
    "Payback year": "Tilbagebetalingsår",
    "not within the horizon": "ikke inden for tidshorisonten",
    "year %(year)s": "år %(year)s",
    "Cost per hour freed": "Omkostning pr. frigjort time",
    "The range of outcomes": "Udfaldsrummet",
    "In 90 %% of %(iterations)s simulations the net present value lies between <strong>%(p5)s</strong> and <strong>%(p95)s DKK</strong>. The probability that it is positive is <strong>%(prob)s</strong>.": "I 90 %% af %(iterations)s simuleringer ligger nutidsværdien mellem <strong>%(p5)s</strong> og <strong>%(p95)s kr.</strong> Sandsynligheden for, at den er positiv, er <strong>%(prob)s</strong>.",
    "What moves it most:": "Det, der flytter den mest:",
    "Net present value (DKK)": "Nutidsværdi (kr.)",
    "Net present value, cash only (DKK)": "Nutidsværdi, kun kontant (kr.)",
    "Hours freed over %(years)s years": "Frigjorte timer over %(years)s år",
    "Cost per hour freed (DKK)": "Omkostning pr. frigjort time (kr.)",
    "Probability of NPV > 0": "Sandsynlighed for positiv nutidsværdi",
    "Payback year (P50)": "Tilbagebetalingsår (P50)",
    "Payback within the horizon": "Tilbagebetalt inden for tidshorisonten",
    "Simulation": "Simulering",
    "%(iterations)s iterations, seed %(seed)s": "%(iterations)s iterationer, seed %(seed)s",
    "Histogram of the simulated net present value, gains in green and losses in red, with P5, P50 and P95 marked.": "Histogram over den simulerede nutidsværdi, gevinst i grønt og tab i rødt, med P5, P50 og P95 markeret.",
    "What drives the result": "Hvad driver resultatet",
    "The net present value with one assumption at its low and at its high end, every other at its expected figure; the largest swing first.": "Nutidsværdien med én antagelse i sin lave og i sin høje ende og alle andre på deres forventede tal; det største udsving først.",
    "Assumption": "Antagelse",
    "Low – high": "Lav – høj",
    "NPV at low": "Nutidsværdi ved lav",
    "NPV at high": "Nutidsværdi ved høj",
    "Swing": "Udsving",
    "No assumption has a range, so nothing varies.": "Ingen antagelse har et interval, så intet varierer.",
    "Tornado chart: the net present value with each assumption at its low and its high end.": "Tornadodiagram: nutidsværdien med hver antagelse i sin lave og sin høje ende.",
    "Scenarios side by side": "Scenarier side om side",
    "Net present value, expected (DKK)": "Nutidsværdi, forventet (kr.)",
    "Net present value, simulated mean (DKK)": "Nutidsværdi, simuleret middel (kr.)",
    "P5–P95 (DKK)": "P5–P95 (kr.)",
    "Hours freed over %(years)s years (mean)": "Frigjorte timer over %(years)s år (middel)",
    "All scenarios use the same random draws for the assumptions they do not change, so the differences are not sampling noise.": "Alle scenarier bruger de samme tilfældige træk for de antagelser, de ikke ændrer, så forskellene er ikke tilfældig støj.",
    "Year by year": "År for år",
    "Year": "År",
    "Hours freed": "Frigjorte timer",
    "FTE": "Årsværk",
    "Value of time (DKK)": "Værdi af tid (kr.)",
    "Quality gains (DKK)": "Kvalitetsgevinster (kr.)",
    "Costs (DKK)": "Omkostninger (kr.)",
    "Net (DKK)": "Netto (kr.)",
    "Cumulative (DKK)": "Akkumuleret (kr.)",
    "Year 0 is the start-up (one-off costs); the figures are in fixed prices.": "År 0 er opstarten (engangsomkostninger); tallene er i faste priser.",
    "Cumulative net cash flow over the years: the expected line and the P5–P95 band of the simulation.": "Akkumuleret nettostrøm over årene: den forventede kurve og simuleringens P5–P95-bånd.",
    "What changed since version %(number)s": "Hvad er ændret siden version %(number)s",
    "What": "Hvad",
    "Before": "Før",
    "Now": "Nu",
    "added": "tilføjet",
    "removed": "fjernet",
    "Figures as “calculate with (low / most likely – high)”.": "Tal som “regn med (lav / mest sandsynlig – høj)”.",
    "No figure changed.": "Ingen tal er ændret.",
    "All assumptions and where they come from": "Alle antagelser, og hvor de kommer fra",
    "Figure": "Tal",
    "Unit": "Enhed",
    "Origin": "Oprindelse",
    "followed as a KPI in operation": "følges som nøgletal i driften",
    "Take it further": "Brug casen videre",
    "The key assumptions become the KPIs that monitoring checks in operation; the criteria can be weighted as award criteria (price / quality) in a tender.": "De centrale antagelser bliver de nøgletal, som overvågningen følger i driften; kriterierne kan vægtes som tildelingskriterier (pris / kvalitet) i et udbud.",
    "KPIs (CSV)": "Nøgletal (CSV)",
    "KPIs (JSON)": "Nøgletal (JSON)",
    "Award criteria (CSV)": "Tildelingskriterier (CSV)",
    "Award criteria (JSON)": "Tildelingskriterier (JSON)",
    "The case (JSON, for the command line)": "Casen (JSON, til kommandolinjen)",
    "The business case is saved as version 1.": "Business casen er gemt som version 1.",
    "Version %(number)s is saved.": "Version %(number)s er gemt.",
    "The result with the figures you calculate with": "Resultatet med de tal, I regner med",
    "Every assumption at its “calculate with” figure, over %(years)s operating year after the start-up year.": [
        "Alle antagelser på deres “regn med”-tal, over %(years)s driftsår efter opstartsåret.",
        "Alle antagelser på deres “regn med”-tal, over %(years)s driftsår efter opstartsåret.",
    ],
    "The simulation lets every assumption vary between its low and high figure. Where a “calculate with” figure lies at one end of its range, the middle of the simulation lies elsewhere than the result above.": "Simuleringen lader hver antagelse variere mellem sit lave og høje tal. Ligger et “regn med”-tal i den ene ende af sit interval, ligger simuleringens midte et andet sted end resultatet ovenfor.",
    "The example the case starts from:": "Eksemplet, casen bygger på:",
    "Net present value with the “calculate with” figures (DKK)": "Nutidsværdi med “regn med”-tallene (kr.)",
    "Net present value with your figures": "Nutidsværdi med jeres tal",
}


def main() -> int:
    po_path = HERE / "da" / "LC_MESSAGES" / "django.po"
    po = polib.pofile(str(po_path))
    missing = []
    for entry in po:
        if entry.obsolete:
            continue
        text = DA.get(entry.msgid)
        fuzzy = "fuzzy" in entry.flags  # a guess by msgmerge: replace it
        if entry.msgid_plural:
            if fuzzy or not any(entry.msgstr_plural.values()):
                if not isinstance(text, list):
                    missing.append(entry.msgid)
                    continue
                entry.msgstr_plural = dict(enumerate(text))
        elif fuzzy or not entry.msgstr:
            if not isinstance(text, str):
                missing.append(entry.msgid)
                continue
            entry.msgstr = text
        if fuzzy:
            entry.flags.remove("fuzzy")
    po.save()
    for lang in ("da", "en"):
        path = HERE / lang / "LC_MESSAGES" / "django.po"
        polib.pofile(str(path)).save_as_mofile(str(path.with_suffix(".mo")))
    if missing:
        print("No Danish translation for:", *missing, sep="\n  ", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
