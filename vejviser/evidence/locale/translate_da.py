# ruff: noqa: E501
"""Danish translations of the validation pages: the table below is the source of truth.

After extracting new strings (from vejviser/evidence; the locale/ folder must exist, or
makemessages writes into the project's global catalogue):
  ../../.venv/bin/django-admin makemessages -l da -l en -i "tests/*" \
      --settings=vejviser.settings --pythonpath=/work/main
run  .venv/bin/python vejviser/evidence/locale/translate_da.py
It sets every Danish msgstr from the table (a fuzzy guess by msgmerge is never kept),
fails on a string it has no translation for, and compiles both .mo files with polib.
"""

from __future__ import annotations

import sys
from pathlib import Path

import polib

HERE = Path(__file__).resolve().parent

DA: dict[str, str] = {
    "Evidence (local validation)": "Evidens (lokal validering)",
    # metrics
    "AUC (area under the ROC curve)": "AUC (arealet under ROC-kurven)",
    "Sensitivity (share of the positive cases found)": "Sensitivitet (andel af de positive tilfælde, der findes)",
    "Specificity (share of the negative cases cleared)": "Specificitet (andel af de negative tilfælde, der frikendes)",
    "Positive predictive value (share of the flagged who are positive)": "Positiv prædiktiv værdi (andel af de udpegede, der er positive)",
    "Negative predictive value (share of the cleared who are negative)": "Negativ prædiktiv værdi (andel af de frikendte, der er negative)",
    "Accuracy": "Andel korrekt klassificeret",
    "F1 score": "F1-score",
    "Mean Dice, lowest structure (%(structure)s)": "Gennemsnitlig Dice, laveste struktur (%(structure)s)",
    "Word error rate": "Ordfejlrate",
    "Documentation time saved": "Sparet dokumentationstid",
    "Consecutive cases needed": "Nødvendige konsekutive tilfælde",
    # summaries
    "On %(n)s cases (%(n_pos)s positive, %(prevalence)s) the score tells positive from negative cases with an AUC of %(auc)s: in %(auc_pct)s of pairs of one positive and one negative case, the positive case has the higher score (0.5 is chance, 1 is perfect).": "På %(n)s tilfælde (%(n_pos)s positive, %(prevalence)s) skelner scoren mellem positive og negative tilfælde med en AUC på %(auc)s: i %(auc_pct)s af par af ét positivt og ét negativt tilfælde har det positive den højeste score (0,5 er tilfældigt, 1 er perfekt).",
    "At the threshold %(threshold)s the product finds %(found)s of the positive cases (%(tp)s of %(pos)s) and clears %(cleared)s of the negative cases; of those it flags, %(ppv)s are positive.": "Ved tærsklen %(threshold)s finder produktet %(found)s af de positive tilfælde (%(tp)s af %(pos)s) og frikender %(cleared)s af de negative; af dem, det udpeger, er %(ppv)s positive.",
    "The product over-estimates the risk: on average it predicts %(predicted)s, while %(observed)s were positive.": "Produktet overvurderer risikoen: i gennemsnit forudsiger det %(predicted)s, mens %(observed)s var positive.",
    "The product under-estimates the risk: on average it predicts %(predicted)s, while %(observed)s were positive.": "Produktet undervurderer risikoen: i gennemsnit forudsiger det %(predicted)s, mens %(observed)s var positive.",
    "It does worse than overall in: %(groups)s.": "Det klarer sig dårligere end samlet i: %(groups)s.",
    "On %(cases)s cases and %(structures)s structures the product's contours overlap the reference contours with a mean Dice between %(low)s (%(worst)s) and %(high)s (%(best)s); 1 is perfect overlap, and above 0.8 is usually considered good for organs at risk.": "På %(cases)s tilfælde og %(structures)s strukturer overlapper produktets indtegninger referenceindtegningerne med en gennemsnitlig Dice mellem %(low)s (%(worst)s) og %(high)s (%(best)s); 1 er fuldt overlap, og over 0,8 regnes normalt for godt for risikoorganer.",
    "Hausdorff 95 is the distance (mm) within which 95 %% of the contour surface lies; surface Dice is the share of the surface within %(tolerance)s mm of the reference — roughly the share a clinician would not need to correct.": "Hausdorff 95 er den afstand (mm), som 95 %% af konturens overflade ligger inden for; overflade-Dice er andelen af overfladen inden for %(tolerance)s mm af referencen — groft sagt den andel, en kliniker ikke behøver at rette.",
    "Over %(documents)s documents (%(words)s words in the reference notes) the word error rate is %(wer)s: about one word in %(one_in)s is wrong, missing or added (%(s)s substituted, %(d)s missing, %(i)s added).": "Over %(documents)s dokumenter (%(words)s ord i referencenotaterne) er ordfejlraten %(wer)s: omtrent ét ord ud af %(one_in)s er forkert, mangler eller er tilføjet (%(s)s ombyttet, %(d)s mangler, %(i)s tilføjet).",
    'Case, punctuation and the way numbers are written are not counted as errors ("2" and "to" are the same word); split compound words and misheard drug names are.': 'Store og små bogstaver, tegnsætning og måden tal skrives på tæller ikke som fejl ("2" og "to" er samme ord); særskrivning og forkert hørte lægemiddelnavne gør.',
    "With the product, documentation took %(with)s %(unit)s on average against %(before)s %(unit)s before (%(n)s paired measurements): %(saved)s %(unit)s saved (95 %% CI %(low)s–%(high)s), that is %(share)s.": "Med produktet tog dokumentationen i gennemsnit %(with)s %(unit)s mod %(before)s %(unit)s før (%(n)s parrede målinger): %(saved)s %(unit)s sparet (95 %% KI %(low)s–%(high)s), dvs. %(share)s.",
    "To estimate a sensitivity of %(expected)s ± %(half)s at a prevalence of %(prevalence)s you need %(needed)s cases with the condition, that is about %(total)s consecutive cases.": "For at estimere en sensitivitet på %(expected)s ± %(half)s ved en forekomst på %(prevalence)s skal I have %(needed)s tilfælde med tilstanden, dvs. omkring %(total)s konsekutive tilfælde.",
    "To estimate a specificity of %(expected)s ± %(half)s at a prevalence of %(prevalence)s you need %(needed)s cases without the condition, that is about %(total)s consecutive cases.": "For at estimere en specificitet på %(expected)s ± %(half)s ved en forekomst på %(prevalence)s skal I have %(needed)s tilfælde uden tilstanden, dvs. omkring %(total)s konsekutive tilfælde.",
    "To estimate an AUC of %(expected)s ± %(half)s at a prevalence of %(prevalence)s you need about %(total)s consecutive cases (%(positives)s with the condition).": "For at estimere en AUC på %(expected)s ± %(half)s ved en forekomst på %(prevalence)s skal I have omkring %(total)s konsekutive tilfælde (%(positives)s med tilstanden).",
    "without a score": "uden score",
    "with an infinite score": "med uendelig score",
    "without an outcome": "uden udfald",
    "without the second score": "uden den anden score",
    "without a time": "uden tid",
    # forms
    "Purpose": "Formål",
    "Product": "Produkt",
    "Product version": "Produktversion",
    "Data from": "Data fra",
    "Data to": "Data til",
    "Site": "Sted",
    "The period ends before it starts.": "Perioden slutter, før den begynder.",
    "Leave these columns out: they are never read, and the file is deleted.": "Udelad disse kolonner: de bliver aldrig læst, og filen slettes.",
    "File (CSV, Excel or Parquet)": "Fil (CSV, Excel eller Parquet)",
    "Score column": "Kolonne med scoren",
    "The product's score or risk.": "Produktets score eller risiko.",
    "Outcome column": "Kolonne med udfaldet",
    "The truth: two values, e.g. ja/nej or 1/0.": "Sandheden: to værdier, fx ja/nej eller 1/0.",
    "Positive value": "Positiv værdi",
    "The value of the outcome column that is positive, e.g. ja or 1.": "Den værdi i udfaldskolonnen, der er positiv, fx ja eller 1.",
    "Threshold": "Tærskel",
    "A case is called positive when its score is at or above the threshold. Leave empty to choose it by Youden's index (best sensitivity + specificity).": "Et tilfælde kaldes positivt, når dets score er på eller over tærsklen. Lad feltet stå tomt for at vælge den efter Youdens indeks (bedste sensitivitet + specificitet).",
    "Subgroup columns": "Kolonner med undergrupper",
    "Separated by commas, e.g. site, sex, age_band.": "Adskilt med komma, fx site, sex, age_band.",
    "The vendor's claim": "Leverandørens angivelse",
    "E.g. sensitivity=0.92 or auc=0.85; several separated by commas.": "Fx sensitivity=0,92 eller auc=0,85; flere adskilt med komma.",
    "File with the notes (CSV, Excel or Parquet)": "Fil med notaterne (CSV, Excel eller Parquet)",
    "One row per document: an id, the reference note (written or approved by the clinician) and the product's note.": "Én række pr. dokument: et id, referencenotatet (skrevet eller godkendt af klinikeren) og produktets notat.",
    "Id column": "Kolonne med id",
    "Reference column": "Kolonne med referencen",
    "Column with the product's text": "Kolonne med produktets tekst",
    "File with the times (CSV, Excel or Parquet)": "Fil med tiderne (CSV, Excel eller Parquet)",
    "One row per clinician or case, with the minutes before and with the product.": "Én række pr. kliniker eller tilfælde med minutterne før og med produktet.",
    "Column: minutes before": "Kolonne: minutter før",
    "Column: minutes with the product": "Kolonne: minutter med produktet",
    "Reference contours (.npz, one file per case)": "Referenceindtegninger (.npz, én fil pr. tilfælde)",
    "One array per structure, and the voxel spacing in mm as 'spacing'.": "Ét array pr. struktur og voxelafstanden i mm som 'spacing'.",
    "The product's contours (.npz, same file names)": "Produktets indtegninger (.npz, samme filnavne)",
    "Tolerance for the surface Dice (mm)": "Tolerance for overflade-Dice (mm)",
    "Expected prevalence": "Forventet forekomst",
    "The share of consecutive cases with the condition, e.g. 0.20.": "Andelen af konsekutive tilfælde med tilstanden, fx 0,20.",
    "Width of the 95 % confidence interval": "Bredden af 95 % konfidensintervallet",
    "The whole width: 0.10 means ± 0.05.": "Hele bredden: 0,10 betyder ± 0,05.",
    "Expected sensitivity": "Forventet sensitivitet",
    "Expected specificity": "Forventet specificitet",
    "Expected AUC": "Forventet AUC",
    # models
    "Risk score or classifier (AUC, sensitivity, specificity)": "Risikoscore eller klassifikation (AUC, sensitivitet, specificitet)",
    "Contours (Dice, Hausdorff 95)": "Indtegning (Dice, Hausdorff 95)",
    "Speech to text (word error rate)": "Tale til tekst (ordfejlrate)",
    "Time study (before and with the product)": "Tidsstudie (før og med produktet)",
    "Sample size for a prospective validation": "Stikprøvestørrelse til en prospektiv validering",
    "Retrospective": "Retrospektiv",
    "Prospective": "Prospektiv",
    "After an upgrade": "Efter en opgradering",
    "project": "projekt",
    "step": "trin",
    "kind": "type",
    "purpose": "formål",
    "product": "produkt",
    "product version": "produktversion",
    "data from": "data fra",
    "data to": "data til",
    "site": "sted",
    "analysis settings": "analyseindstillinger",
    "report": "rapport",
    "plots": "figurer",
    "n": "n",
    "created": "oprettet",
    "validation run": "valideringskørsel",
    # templates
    "Validation runs": "Valideringer",
    "Date": "Dato",
    "What": "Hvad",
    "Product and version": "Produkt og version",
    "Data period and site": "Dataperiode og sted",
    "Key result (95 %% CI)": "Hovedresultat (95 %% KI)",
    "Validation report": "Valideringsrapport",
    "version %(version)s": "version %(version)s",
    "data": "data",
    "run by %(who)s, %(when)s": "kørt af %(who)s, %(when)s",
    "Performance with 95 %% confidence intervals": "Resultater med 95 %% konfidensintervaller",
    "A case is called positive when its score is at or above %(threshold)s.": "Et tilfælde kaldes positivt, når dets score er på eller over %(threshold)s.",
    "The threshold was chosen on these data (Youden's index), which makes the figures at it slightly optimistic.": "Tærsklen er valgt på de samme data (Youdens indeks), så tallene ved den er en smule optimistiske.",
    "Rows left out: %(excluded)s.": "Udeladte rækker: %(excluded)s.",
    "Metric": "Mål",
    "Estimate (95 %% CI)": "Estimat (95 %% KI)",
    "Cases": "Tilfælde",
    "ROC curve: the share of positive cases found against the share of negative cases wrongly flagged, at every threshold. The band is the 95 %% CI of the sensitivity; the marked point is the chosen threshold.": "ROC-kurve: andelen af positive tilfælde, der findes, mod andelen af negative tilfælde, der fejlagtigt udpeges, ved hver tærskel. Båndet er 95 %% KI for sensitiviteten; det markerede punkt er den valgte tærskel.",
    "Calibration: predicted risk against the observed share of positive cases. On the diagonal, a predicted 20 %% means 20 %% have the outcome.": "Kalibrering: forudsagt risiko mod den observerede andel positive. På diagonalen betyder en forudsagt risiko på 20 %%, at 20 %% får udfaldet.",
    "Brier score %(brier)s (always predicting the prevalence: %(ref)s); expected calibration error %(ece)s.": "Brier-score %(brier)s (altid at forudsige forekomsten: %(ref)s); forventet kalibreringsfejl (ECE) %(ece)s.",
    "Calibration intercept %(a)s (ideal 0; below 0 means the risk is over-estimated), calibration slope %(b)s (ideal 1; below 1 means the predictions are too extreme).": "Kalibreringsintercept %(a)s (ideelt 0; under 0 betyder, at risikoen overvurderes), kalibreringshældning %(b)s (ideelt 1; under 1 betyder, at forudsigelserne er for ekstreme).",
    "Subgroups": "Undergrupper",
    "The same metrics per group, at the overall threshold. A group is flagged when its whole confidence interval lies below the overall estimate.": "De samme mål pr. gruppe ved den samlede tærskel. En gruppe markeres, når hele dens konfidensinterval ligger under det samlede estimat.",
    "Group": "Gruppe",
    "Prevalence": "Forekomst",
    "Sensitivity": "Sensitivitet",
    "Specificity": "Specificitet",
    "Flag": "Markering",
    "Worse than overall: %(metrics)s": "Dårligere end samlet: %(metrics)s",
    "few cases": "få tilfælde",
    "Per structure": "Pr. struktur",
    "Structure": "Struktur",
    "Mean Dice (95 %% CI)": "Gennemsnitlig Dice (95 %% KI)",
    "Median Dice (quartiles)": "Median-Dice (kvartiler)",
    "Median HD95 (mm)": "Median HD95 (mm)",
    "Largest HD95 (mm)": "Største HD95 (mm)",
    "Surface Dice at %(t)s mm": "Overflade-Dice ved %(t)s mm",
    "Dice per case and structure: the box holds the middle half of the cases.": "Dice pr. tilfælde og struktur: boksen rummer den midterste halvdel af tilfældene.",
    "Per document": "Pr. dokument",
    "Document": "Dokument",
    "Words in the reference": "Ord i referencen",
    "Substituted": "Ombyttet",
    "Missing": "Mangler",
    "Added": "Tilføjet",
    "How it was analysed": "Sådan blev der analyseret",
    "Methods: AUC with DeLong's interval; proportions with Wilson intervals; see the documentation for the formulas and the checks against independent references.": "Metoder: AUC med DeLongs interval; andele med Wilson-intervaller; se dokumentationen for formler og kontrol mod uafhængige referencer.",
    "New validation run": "Ny validering",
    "The file is read once to compute the figures and is then deleted; only the figures, plots and settings are saved with the project. Use pseudonymised data: a column that looks like CPR numbers is refused.": "Filen læses én gang for at beregne tallene og slettes derefter; kun tallene, figurerne og indstillingerne gemmes i projektet. Brug pseudonymiserede data: en kolonne, der ligner CPR-numre, afvises.",
    "Please correct the fields marked below. Nothing has been saved.": "Ret venligst de markerede felter nedenfor. Intet er gemt.",
    "The data": "Data",
    "Columns that look like CPR numbers: %(columns)s.": "Kolonner, der ligner CPR-numre: %(columns)s.",
    "Choose the file again: it was deleted after the check.": "Vælg filen igen: den blev slettet efter kontrollen.",
    "What was validated": "Hvad blev valideret",
    "Analyse and save": "Analysér og gem",
    "Cancel": "Annullér",
    "Validation on local data": "Validering på lokale data",
    "Upload what the hospital has — the product's output and the truth — and get its performance with 95 %% confidence intervals. The file is analysed and deleted at once: only the figures, the plots and the settings are kept.": "Upload det, hospitalet har — produktets output og sandheden — og få produktets resultater med 95 %% konfidensintervaller. Filen analyseres og slettes med det samme: kun tallene, figurerne og indstillingerne gemmes.",
    "Runs on this step": "Valideringer på dette trin",
    "No validation run on this step yet.": "Der er endnu ingen validering på dette trin.",
    "Choose what the product does:": "Vælg, hvad produktet gør:",
    "Plan a prospective validation: how many cases are needed?": "Planlæg en prospektiv validering: hvor mange tilfælde skal der til?",
    "As the vendor you can read the validation results; the hospital's team adds the runs.": "Som leverandør kan du læse valideringsresultaterne; hospitalets team tilføjer valideringerne.",
    "The project's validations over time": "Projektets valideringer over tid",
    "Every run of the project, oldest data first, so a new product version can be compared with the one before it.": "Alle projektets valideringer, ældste data først, så en ny produktversion kan sammenlignes med den forrige.",
    "The project has no validation run yet.": "Projektet har endnu ingen validering.",
    "Sample-size plans on this step": "Stikprøveberegninger på dette trin",
    "Sample size": "Stikprøvestørrelse",
    "How many consecutive cases must a prospective validation include to estimate the sensitivity, specificity or AUC with a confidence interval no wider than you choose? Give the expected value of at least one of them.": "Hvor mange konsekutive tilfælde skal en prospektiv validering omfatte for at estimere sensitivitet, specificitet eller AUC med et konfidensinterval, der ikke er bredere end det, I vælger? Angiv den forventede værdi af mindst én af dem.",
    "Calculate and save": "Beregn og gem",
    "Saved plans on this step": "Gemte beregninger på dette trin",
    "The validation run is saved. The uploaded file is deleted.": "Valideringen er gemt. Den uploadede fil er slettet.",
}


def main() -> int:
    po_path = HERE / "da" / "LC_MESSAGES" / "django.po"
    po = polib.pofile(str(po_path))
    missing = []
    for entry in po:
        if entry.obsolete:
            continue
        text = DA.get(entry.msgid)
        if text is None:
            missing.append(entry.msgid)
            continue
        entry.msgstr = text
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
            entry.previous_msgid = None
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
