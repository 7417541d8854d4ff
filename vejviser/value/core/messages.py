"""Every text the value core shows a user, in Danish and English.

Case content (labels, help, sources of each assumption) lives in the case YAML files;
what is here is the text of the tool itself: error messages, output labels and the
sources of the defaults the model falls back on.
"""

from __future__ import annotations

from typing import Any, Literal

Lang = Literal["da", "en"]
LANGS: tuple[Lang, ...] = ("da", "en")

#: Validation errors, keyed by error type. Templates use ``str.format`` fields from the
#: error's context. Pydantic's own error types (``missing``, ``extra_forbidden`` …) are
#: here too, so every message exists in both languages.
ERRORS: dict[str, dict[Lang, str]] = {
    "missing": {"da": "mangler", "en": "is missing"},
    "extra_forbidden": {"da": "ukendt felt", "en": "unknown field"},
    "union_tag_invalid": {
        "da": "ukendt fordeling '{tag}' (tilladt: {expected_tags})",
        "en": "unknown distribution '{tag}' (allowed: {expected_tags})",
    },
    "union_tag_not_found": {
        "da": "angiv fordelingen med 'dist' (triangular, pert, uniform eller normal)",
        "en": "name the distribution with 'dist' (triangular, pert, uniform or normal)",
    },
    "float_type": {"da": "skal være et tal", "en": "must be a number"},
    "int_type": {"da": "skal være et heltal", "en": "must be a whole number"},
    "int_from_float": {"da": "skal være et heltal", "en": "must be a whole number"},
    "bool_type": {"da": "skal være true eller false", "en": "must be true or false"},
    "string_type": {"da": "skal være tekst", "en": "must be text"},
    "string_too_short": {"da": "må ikke være tom", "en": "must not be empty"},
    "dict_type": {"da": "skal være en mapping (nøgle: værdi)", "en": "must be a mapping"},
    "model_type": {"da": "skal være en mapping (nøgle: værdi)", "en": "must be a mapping"},
    "model_attributes_type": {
        "da": "skal være en mapping (nøgle: værdi)",
        "en": "must be a mapping",
    },
    "list_type": {"da": "skal være en liste", "en": "must be a list"},
    "greater_than_equal": {"da": "skal være mindst {ge}", "en": "must be at least {ge}"},
    "greater_than": {"da": "skal være større end {gt}", "en": "must be above {gt}"},
    "less_than_equal": {"da": "må højst være {le}", "en": "must be at most {le}"},
    "too_short": {
        "da": "skal have mindst {min_length} element(er)",
        "en": "needs at least {min_length} item(s)",
    },
    "too_long": {
        "da": "må højst have {max_length} element(er)",
        "en": "may have at most {max_length} item(s)",
    },
    "finite_number": {"da": "skal være et endeligt tal", "en": "must be a finite number"},
    "literal_error": {"da": "skal være en af {expected}", "en": "must be one of {expected}"},
    "string_pattern_mismatch": {
        "da": "skal være små bogstaver, tal og bindestreger",
        "en": "must be lower-case letters, digits and hyphens",
    },
    "value_low_above_high": {
        "da": "input '{input}': low ({low}) er større end high ({high})",
        "en": "input '{input}': low ({low}) is above high ({high})",
    },
    "value_mode_outside": {
        "da": "input '{input}': mode ({mode}) ligger uden for low–high ({low}–{high})",
        "en": "input '{input}': mode ({mode}) lies outside low–high ({low}–{high})",
    },
    "value_outside_range": {
        "da": "input '{input}': value ({value}) ligger uden for low–high ({low}–{high})",
        "en": "input '{input}': value ({value}) lies outside low–high ({low}–{high})",
    },
    "value_below_bound": {
        "da": "input '{input}': {field} ({value}) må ikke være under {bound} {unit}",
        "en": "input '{input}': {field} ({value}) must not be below {bound} {unit}",
    },
    "value_above_bound": {
        "da": "input '{input}': {field} ({value}) må ikke være over {bound} {unit}",
        "en": "input '{input}': {field} ({value}) must not be above {bound} {unit}",
    },
    "value_sd_not_positive": {
        "da": "input '{input}': sd skal være større end 0",
        "en": "input '{input}': sd must be above 0",
    },
    "value_no_value": {
        "da": "input '{input}': angiv 'value' eller et usikkerhedsinterval ('range')",
        "en": "input '{input}': give a 'value' or an uncertainty 'range'",
    },
    "ref_unknown": {
        "da": "{what} '{ref}' findes ikke",
        "en": "{what} '{ref}' does not exist",
    },
    "unit_mismatch": {
        "da": "input '{input}' har enheden '{unit}', men bruges som {role} (kræver {expected})",
        "en": "input '{input}' has unit '{unit}' but is used as {role} (needs {expected})",
    },
    "year_outside_horizon": {
        "da": "år {year} ligger uden for tidshorisonten 0–{horizon}",
        "en": "year {year} lies outside the horizon 0–{horizon}",
    },
    "years_reversed": {
        "da": "to_year ({stop}) ligger før from_year ({start})",
        "en": "to_year ({stop}) comes before from_year ({start})",
    },
    "duplicate_id": {"da": "id '{id}' bruges to gange", "en": "id '{id}' is used twice"},
    "yaml_syntax": {"da": "YAML-syntaksfejl: {detail}", "en": "YAML syntax error: {detail}"},
    "file_unreadable": {
        "da": "filen kan ikke læses: {detail}",
        "en": "the file cannot be read: {detail}",
    },
    "not_a_mapping": {
        "da": "en case skal være en YAML-mapping (nøgle: værdi)",
        "en": "a case must be a YAML mapping (key: value)",
    },
    "scenario_unknown": {
        "da": "scenariet '{ref}' findes ikke (findes: {known})",
        "en": "scenario '{ref}' does not exist (known: {known})",
    },
    "result_not_finite": {
        "da": "tallene giver et resultat, der ikke kan regnes med (uendeligt stort); "
        "tjek vækst og beløb",
        "en": "the figures give a result that cannot be used (infinitely large); "
        "check growth and amounts",
    },
    "generic": {"da": "ugyldig værdi: {msg}", "en": "invalid value: {msg}"},
}

#: Labels of the figures the tool prints (CLI text output, plots).
LABELS: dict[str, dict[Lang, str]] = {
    "case_invalid": {"da": "Ugyldig case", "en": "Invalid case"},
    "year": {"da": "År", "en": "Year"},
    "hours_freed": {"da": "Frigjorte timer", "en": "Hours freed"},
    "hours_freed_total": {
        "da": "Frigjorte timer i alt over horisonten",
        "en": "Hours freed over the horizon",
    },
    "fte": {"da": "Årsværk", "en": "Full-time equivalents"},
    "costs": {"da": "Omkostninger (DKK)", "en": "Costs (DKK)"},
    "value_of_time": {"da": "Værdi af tid (DKK)", "en": "Value of time (DKK)"},
    "quality_value": {"da": "Kvalitetsgevinster (DKK)", "en": "Quality gains (DKK)"},
    "net": {"da": "Netto (DKK)", "en": "Net (DKK)"},
    "cumulative": {"da": "Akkumuleret (DKK)", "en": "Cumulative (DKK)"},
    "npv": {"da": "Nutidsværdi (DKK)", "en": "Net present value (DKK)"},
    "npv_cash": {"da": "Nutidsværdi, kun kontant (DKK)", "en": "NPV, cash only (DKK)"},
    "payback_year": {"da": "Tilbagebetalingsår", "en": "Payback year"},
    "never": {"da": "ikke inden for horisonten", "en": "not within the horizon"},
    "cost_per_hour": {
        "da": "Omkostning pr. frigjort time (DKK)",
        "en": "Cost per hour freed (DKK)",
    },
    "prob_npv_positive": {"da": "Sandsynlighed for NPV > 0", "en": "Probability of NPV > 0"},
    "iterations": {"da": "Iterationer", "en": "Iterations"},
    "seed": {"da": "Seed", "en": "Seed"},
    "tornado": {"da": "Følsomhed (tornado)", "en": "Sensitivity (tornado)"},
    "tornado_axis": {"da": "NPV ved input lav / høj (DKK)", "en": "NPV at input low / high (DKK)"},
    "input_low": {"da": "input lav", "en": "input low"},
    "input_high": {"da": "input høj", "en": "input high"},
    "histogram_title": {"da": "Fordeling af nutidsværdi", "en": "Distribution of NPV"},
    "frequency": {"da": "Andel af iterationer", "en": "Share of iterations"},
    "cashflow_title": {"da": "Akkumuleret nettostrøm", "en": "Cumulative net cash flow"},
    "expected": {"da": "Forventet (deterministisk)", "en": "Expected (deterministic)"},
    "band": {"da": "P5–P95 (simulering)", "en": "P5–P95 (simulation)"},
    "scenarios": {"da": "Scenarier", "en": "Scenarios"},
    "base": {"da": "Basis", "en": "Base"},
    "price": {"da": "Pris", "en": "Price"},
    "price_measure": {
        "da": "Samlede omkostninger over {years} år, nutidsværdi (DKK)",
        "en": "Total cost over {years} years, present value (DKK)",
    },
    "derived_hours_kpi": {"da": "Frigjorte timer pr. år", "en": "Hours freed per year"},
    "derived_hours_kpi_help": {
        "da": "Gennemsnit over driftsårene; intervallet er P5–P95 fra simuleringen.",
        "en": "Average over the operating years; the range is P5–P95 of the simulation.",
    },
    "award_method": {
        "da": "Prisen vægtes som angivet i casen. Resten af vægten fordeles på "
        "kvalitetskriterierne efter hvor meget hvert af dem flytter nutidsværdien "
        "(udsvinget i tornado-analysen): det, der betyder mest for gevinsten, vægter mest.",
        "en": "Price is weighted as the case says. The rest of the weight is shared among "
        "the quality criteria by how much each moves the net present value (its swing in "
        "the tornado): what matters most for the gain weighs most.",
    },
}

#: Origins of an assumption: from a seed document, ours, the vendor's, or local data.
ORIGINS: dict[str, dict[Lang, str]] = {
    "seed": {"da": "fra kildedokument", "en": "from a source document"},
    "ours": {"da": "vores antagelse", "en": "our assumption"},
    "vendor": {"da": "leverandørens oplysning", "en": "vendor's figure"},
    "local": {"da": "lokale data", "en": "local data"},
}

#: The model's defaults and where they come from.
DEFAULTS: dict[str, dict[str, Any]] = {
    "discount_rate_percent": {
        "value": 3.5,
        "source": {
            "da": "Finansministeriet, »Vejledning i samfundsøkonomiske "
            "konsekvensvurderinger«: den samfundsøkonomiske diskonteringsrente er "
            "3,5 % for år 0–35 (2,5 % for år 36–70). Tidshorisonten er derfor højst 35 år.",
            "en": "Danish Ministry of Finance, 'Vejledning i samfundsøkonomiske "
            "konsekvensvurderinger': the social discount rate is 3.5 % for years "
            "0–35 (2.5 % for years 36–70). The horizon is therefore at most 35 years.",
        },
    },
    "hours_per_fte": {
        "value": 1924.0,
        "source": {
            "da": "Et årsværk i staten: 37 timer × 52 uger = 1.924 timer (brutto, inkl. "
            "ferie og fravær), som i statens løn- og personalestatistik "
            "(Medarbejder- og Kompetencestyrelsen). Kan ændres i casen.",
            "en": "One full-time equivalent in the Danish state: 37 hours × 52 weeks = "
            "1,924 hours (gross, including leave), as in the state's pay and staff "
            "statistics (Agency for Employees and Competences). Editable per case.",
        },
    },
    "award_criteria": {
        "source": {
            "da": "Udbudsloven § 162: tildeling efter bedste forhold mellem pris og kvalitet.",
            "en": "Danish Public Procurement Act § 162: award on the best price-quality ratio.",
        },
    },
}


def error_text(kind: str, lang: Lang, **context: object) -> str:
    """The message for an error type in one language; unknown types fall back to generic."""
    template = ERRORS.get(kind)
    if template is None:
        return ERRORS["generic"][lang].format(msg=context.get("msg", kind))
    try:
        return template[lang].format(**context)
    except (KeyError, IndexError):
        return template[lang]


def label(key: str, lang: Lang, **context: object) -> str:
    text = LABELS[key][lang]
    return text.format(**context) if context else text


def labels(key: str, **context: object) -> dict[str, str]:
    """A label in both languages, as a JSON-ready ``{"da": …, "en": …}``."""
    return {lang: label(key, lang, **context) for lang in LANGS}


#: Help of the ``vejviser value`` commands (shown by ``--help``; scripting users read
#: English, as in the rest of the CLI).
CLI_HELP: dict[str, str] = {
    "group": "Business cases: hours freed, costs, NPV and their uncertainty.",
    "simulate": "Monte Carlo simulation of a case: NPV and hours freed with P5/P50/P95, "
    "P(NPV > 0), payback, tornado and scenarios.",
    "deterministic": "The case with every input at its expected figure, year by year.",
    "export": "Export the case's KPIs for monitoring or its weighted award criteria.",
    "diff": "What changed between two versions of a case (inputs, settings, lines).",
    "plot": "Write the NPV histogram, tornado and cumulative cash flow as SVG files.",
    "iterations": "Monte Carlo iterations.",
    "seed": "Random seed (reported in the output; the same seed gives the same result).",
    "scenario": "Apply a scenario of the case (its input overrides) before computing.",
    "format": "Output format.",
    "lang": "Language of the text output and plots.",
    "what": "What to export.",
    "out": "Folder to write the SVG files to.",
}


# --- the web form ----------------------------------------------------------------------

#: Units as a clinician reads them next to a field.
UNITS: dict[str, dict[Lang, str]] = {
    "DKK": {"da": "kr.", "en": "DKK"},
    "DKK/year": {"da": "kr. pr. år", "en": "DKK a year"},
    "DKK/hour": {"da": "kr. pr. time", "en": "DKK an hour"},
    "DKK/case": {"da": "kr. pr. tilfælde", "en": "DKK per case"},
    "hours": {"da": "timer", "en": "hours"},
    "minutes": {"da": "minutter", "en": "minutes"},
    "count": {"da": "antal", "en": "count"},
    "count/year": {"da": "pr. år", "en": "a year"},
    "percent": {"da": "%", "en": "%"},
    "percent/year": {"da": "% pr. år", "en": "% a year"},
}

#: Problems as shown next to the one field they are about (the form names the input, so
#: the message does not). Kinds not here fall back to :data:`ERRORS`.
FORM_ERRORS: dict[str, dict[Lang, str]] = {
    "missing": {"da": "Udfyld feltet.", "en": "Fill in this field."},
    "float_type": {
        "da": "Skriv et tal, fx 2,5 eller 20.000.",
        "en": "Enter a number, e.g. 2.5 or 20,000.",
    },
    "finite_number": {"da": "Skriv et endeligt tal.", "en": "Enter a finite number."},
    "int_type": {"da": "Skriv et helt tal.", "en": "Enter a whole number."},
    "int_from_float": {"da": "Skriv et helt tal.", "en": "Enter a whole number."},
    "value_below_bound": {
        "da": "Må ikke være under {bound} {unit}.",
        "en": "Must not be below {bound} {unit}.",
    },
    "value_above_bound": {
        "da": "Må ikke være over {bound} {unit}.",
        "en": "Must not be above {bound} {unit}.",
    },
    "value_low_above_high": {
        "da": "Lav ({low}) er større end høj ({high}).",
        "en": "Low ({low}) is above high ({high}).",
    },
    "value_mode_outside": {
        "da": "Mest sandsynlig ({mode}) skal ligge mellem lav og høj ({low}–{high}).",
        "en": "Most likely ({mode}) must lie between low and high ({low}–{high}).",
    },
    "value_outside_range": {
        "da": "Tallet, der regnes med ({value}), skal ligge mellem lav og høj ({low}–{high}).",
        "en": "The figure calculated with ({value}) must lie between low and high ({low}–{high}).",
    },
    "value_sd_not_positive": {
        "da": "Spredningen skal være større end 0.",
        "en": "The standard deviation must be above 0.",
    },
    "value_no_value": {
        "da": "Angiv et tal at regne med eller et interval (lav–høj).",
        "en": "Give a figure to calculate with or a range (low–high).",
    },
    "greater_than_equal": {"da": "Skal være mindst {ge}.", "en": "Must be at least {ge}."},
    "greater_than": {"da": "Skal være større end {gt}.", "en": "Must be above {gt}."},
    "less_than_equal": {"da": "Må højst være {le}.", "en": "Must be at most {le}."},
    "too_long": {"da": "Højst {max_length} tal.", "en": "At most {max_length} figures."},
    "number_too_large": {
        "da": "Tallet er urimeligt stort – tjek for en tastefejl.",
        "en": "The number is unreasonably large – check for a typo.",
    },
}

#: Stages of a case over the journey.
STAGES: dict[str, dict[Lang, str]] = {
    "expected": {"da": "Forventet", "en": "Expected"},
    "adjusted": {"da": "Tilpasset", "en": "Adjusted"},
    "revised": {"da": "Revideret efter validering", "en": "Revised after validation"},
    "actual": {"da": "Faktisk (i drift)", "en": "Actual (in operation)"},
}


def format_number(value: float, lang: Lang, digits: int | None = None) -> str:
    """A number with Danish (1.234,5) or English (1,234.5) separators.

    Without ``digits``: whole numbers without decimals, others with up to two.
    """
    if digits is None:
        digits = 0 if float(value).is_integer() else 2
        text = f"{value:,.{digits}f}"
        if digits:
            text = text.rstrip("0").rstrip(".")
    else:
        text = f"{value:,.{digits}f}"
    if lang == "da":
        return text.replace(",", "_").replace(".", ",").replace("_", ".")
    return text


def unit_text(unit: str, lang: Lang) -> str:
    return UNITS.get(unit, {}).get(lang, unit)


def form_error_text(kind: str, lang: Lang, **context: object) -> str:
    """The message for a problem shown next to its field, numbers and units localised."""
    template = FORM_ERRORS.get(kind)
    if template is None:
        return error_text(kind, lang, **context)
    shown: dict[str, object] = {}
    for key, value in context.items():
        if isinstance(value, int | float) and not isinstance(value, bool):
            shown[key] = format_number(float(value), lang)
        elif key == "unit" and isinstance(value, str):
            shown[key] = unit_text(value, lang)
        else:
            shown[key] = value
    try:
        return template[lang].format(**shown)
    except (KeyError, IndexError):
        return template[lang]
