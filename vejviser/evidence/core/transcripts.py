"""Word error rate of speech-to-text (an ambient scribe) against reference transcripts.

Per document: substitutions S, deletions D, insertions I, hits and
``WER = (S + D + I) / N`` (N reference words), after Danish normalisation
(:mod:`.danish_text`). Overall: the pooled WER ``ΣE / ΣN`` with an interval that treats
documents as clusters (ratio estimator, delta method on the log scale, so it is never
below 0 and always contains the estimate), the mean and median per-document
WER. Texts themselves are never part of the result.
"""

from __future__ import annotations

import codecs
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from vejviser.evidence.core.danish_text import normalise, plain_words
from vejviser.evidence.core.describe import Distribution, describe
from vejviser.evidence.core.errors import EvidenceInputError
from vejviser.evidence.core.io import read_table
from vejviser.evidence.core.privacy import contains_cpr, safe_value
from vejviser.evidence.core.proportions import z_value
from vejviser.evidence.core.results import NAN, Estimate, Result
from vejviser.evidence.core.wer import align
from vejviser.kernel.i18n import message

WER_METHOD = "ratio estimator, documents as clusters, log scale"
WER_NO_ERRORS = "no errors in any document: no interval"


@dataclass(frozen=True)
class DocumentWER(Result):
    document: str
    reference_words: int
    hypothesis_words: int
    hits: int
    substitutions: int
    deletions: int
    insertions: int
    wer: float


@dataclass(frozen=True)
class TranscriptReport(Result):
    documents: list[DocumentWER]
    reference_words: int
    hits: int
    substitutions: int
    deletions: int
    insertions: int
    wer: Estimate
    per_document: Distribution
    normalised: bool
    cpr_numbers_masked: int
    confidence: float


def document_wer(
    document: str, reference: str, hypothesis: str, normalised: bool = True
) -> tuple[DocumentWER, int]:
    """WER of one document and the number of CPR-looking numbers masked."""
    words = normalise if normalised else plain_words
    ref, masked_ref = words(reference)
    hyp, masked_hyp = words(hypothesis)
    if not ref:
        raise EvidenceInputError(
            "empty_reference",
            message(
                "The reference text of document {document} (in file order) is empty after "
                "normalisation.",
                document=safe_value(document),
            ),
        )
    a = align(ref, hyp)
    result = DocumentWER(
        document,
        len(ref),
        len(hyp),
        a.hits,
        a.substitutions,
        a.deletions,
        a.insertions,
        a.errors / len(ref),
    )
    return result, masked_ref + masked_hyp


def transcripts_report(
    documents: Iterable[tuple[str, str, str]],
    normalised: bool = True,
    confidence: float = 0.95,
    after_document: Callable[[str], None] | None = None,
) -> TranscriptReport:
    """WER for (document id, reference text, hypothesis text) triples.

    The ids as typed (a file name, an id column: "Jens Hansen 1 journal 2024-03-01") are
    read only to refuse CPR numbers and are then discarded: each document is named by
    its position in the file, "1" … "n", so a stored or shared report holds no
    patient-level text."""
    results: list[DocumentWER] = []
    masked = 0
    for position, (document, reference, hypothesis) in enumerate(documents, start=1):
        if contains_cpr(document):
            raise EvidenceInputError(
                "cpr_in_name",
                message(
                    "The name of a case looks like a CPR number ({where}). Use pseudonymous names.",
                    where=safe_value(document),
                ),
            )
        result, count = document_wer(str(position), reference, hypothesis, normalised)
        results.append(result)
        masked += count
        if after_document:
            after_document(str(position))
    if not results:
        raise EvidenceInputError(
            "no_documents",
            message("No pairs of reference and transcript were found in '{source}'.", source=""),
        )
    n_words = np.array([r.reference_words for r in results], dtype=np.float64)
    errors = np.array(
        [r.substitutions + r.deletions + r.insertions for r in results], dtype=np.float64
    )
    total = float(n_words.sum())
    wer = float(errors.sum()) / total
    k = len(results)
    if k > 1 and errors.sum() > 0:
        # Delta method on the log of the ratio: the interval is wer·exp(±z·se/wer), which
        # is never below 0 and always contains the estimate.
        residual = errors - wer * n_words
        se = math.sqrt(k / (k - 1) * float(np.sum(residual * residual))) / total
        spread = math.exp(z_value(confidence) * se / wer)
        estimate = Estimate(wer, wer / spread, wer * spread, WER_METHOD)
    elif k > 1:
        estimate = Estimate(wer, 0.0, 0.0, WER_NO_ERRORS)
    else:
        estimate = Estimate(wer, NAN, NAN, WER_METHOD)
    return TranscriptReport(
        documents=results,
        reference_words=int(total),
        hits=sum(r.hits for r in results),
        substitutions=sum(r.substitutions for r in results),
        deletions=sum(r.deletions for r in results),
        insertions=sum(r.insertions for r in results),
        wer=estimate,
        per_document=describe((r.wer for r in results), confidence),
        normalised=normalised,
        cpr_numbers_masked=masked,
        confidence=confidence,
    )


def _read_text(path: Path) -> str:
    """A text file in UTF-8, UTF-16 with a byte-order mark (Windows' "Unicode"), or
    Windows-1252."""
    raw = path.read_bytes()
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def load_documents(
    source: str | Path,
    *,
    id_column: str = "id",
    reference_column: str = "reference",
    hypothesis_column: str = "hypothesis",
    drop: Sequence[str] = (),
) -> list[tuple[str, str, str]]:
    """Documents from a table (CSV, xlsx, Parquet with id, reference and hypothesis
    columns) or from a folder with ``reference/`` and ``hypothesis/`` sub-folders of
    ``.txt`` files matched by name."""
    path = Path(source)
    if path.is_dir():
        ref_dir, hyp_dir = path / "reference", path / "hypothesis"
        if not ref_dir.is_dir() or not hyp_dir.is_dir():
            raise EvidenceInputError(
                "no_documents",
                message(
                    "No pairs of reference and transcript were found in '{source}'.",
                    source=safe_value(path.name),
                ),
            )
        refs = {p.stem: p for p in ref_dir.glob("*.txt")}
        hyps = {p.stem: p for p in hyp_dir.glob("*.txt")}
        only = sorted(set(refs) ^ set(hyps))
        if only:
            raise EvidenceInputError(
                "unmatched_cases",
                message(
                    "{count} cases are in one folder only, e.g. '{example}'.",
                    count=len(only),
                    example=safe_value(only[0]),
                ),
            )
        if not refs:
            raise EvidenceInputError(
                "no_documents",
                message(
                    "No pairs of reference and transcript were found in '{source}'.",
                    source=safe_value(path.name),
                ),
            )
        return [(name, _read_text(refs[name]), _read_text(hyps[name])) for name in sorted(refs)]
    table = read_table(path, text=[id_column, reference_column, hypothesis_column], drop=drop)
    ids = table.text[id_column]
    refs_text = table.text[reference_column]
    hyps_text = table.text[hypothesis_column]
    documents = []
    for i, (doc, ref, hyp) in enumerate(zip(ids, refs_text, hyps_text, strict=True)):
        documents.append((doc if doc else f"row {i + 2}", ref or "", hyp or ""))
    return documents
