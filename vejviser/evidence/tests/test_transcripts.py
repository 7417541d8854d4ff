"""Word error rate against jiwer, and the Danish normalisation."""

from __future__ import annotations

import math
from pathlib import Path

import jiwer
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vejviser.evidence.core.danish_text import normalise, number_words
from vejviser.evidence.core.errors import EvidenceInputError
from vejviser.evidence.core.transcripts import document_wer, load_documents, transcripts_report
from vejviser.evidence.core.wer import align

DEMO = (
    Path(__file__).resolve().parents[3]
    / "content"
    / "evidence"
    / "ambient_scribe"
    / "transcripts.csv"
)

words = st.lists(
    st.sampled_from(["og", "en", "to", "tre", "patienten", "har", "feber", "i"]), max_size=25
)


@settings(max_examples=80, deadline=None)
@given(words.filter(bool), words)
def test_errors_match_jiwer(reference, hypothesis):
    a = align(reference, hypothesis)
    if hypothesis:
        out = jiwer.process_words(" ".join(reference), " ".join(hypothesis))
        assert a.errors == out.substitutions + out.deletions + out.insertions
        assert a.errors / len(reference) == pytest.approx(out.wer)
    assert a.hits + a.substitutions + a.deletions == len(reference)
    assert a.hits + a.substitutions + a.insertions == len(hypothesis)


@settings(max_examples=40, deadline=None)
@given(words.filter(bool), words.filter(bool))
def test_edit_distance_is_symmetric_and_zero_on_itself(a, b):
    assert align(a, a).errors == 0
    assert align(a, b).errors == align(b, a).errors


def test_demo_documents_agree_with_jiwer_in_detail():
    report = transcripts_report(load_documents(DEMO))
    for (doc, ref, hyp), result in zip(load_documents(DEMO), report.documents, strict=True):
        r, h = " ".join(normalise(ref)[0]), " ".join(normalise(hyp)[0])
        out = jiwer.process_words(r, h)
        assert (result.substitutions, result.deletions, result.insertions) == (
            out.substitutions,
            out.deletions,
            out.insertions,
        ), doc
        assert result.wer == pytest.approx(out.wer)
    refs = [" ".join(normalise(r)[0]) for _, r, _ in load_documents(DEMO)]
    hyps = [" ".join(normalise(h)[0]) for _, _, h in load_documents(DEMO)]
    assert report.wer.estimate == pytest.approx(jiwer.wer(refs, hyps))
    assert report.wer.ci_low < report.wer.estimate < report.wer.ci_high


@pytest.mark.parametrize(
    "n,text",
    [
        (0, "nul"),
        (1, "en"),
        (2, "to"),
        (17, "sytten"),
        (21, "enogtyve"),
        (45, "femogfyrre"),
        (90, "halvfems"),
        (100, "hundrede"),
        (142, "hundrede og toogfyrre"),
        (1000, "tusind"),
        (1500, "tusind fem hundrede"),
        (2024, "to tusind og fireogtyve"),
        (1_200_000, "en million to hundrede tusind"),
    ],
)
def test_danish_number_words(n, text):
    assert number_words(n) == text


@pytest.mark.parametrize(
    "reference,hypothesis",
    [
        ("Hun tager 2 tabletter.", "hun tager to tabletter"),
        ("Feber op til 38,9°.", "feber op til otteogtredive komma ni grader"),
        ("Han er 24 år.", "han er fire og tyve år"),
        ("Metformin 500 mg dagligt", "metformin fem hundrede milligram dagligt"),
        ("Én gang om dagen", "1 gang om dagen"),
        ("et hundrede kroner", "100 kroner"),
        ("CRP er 10.000", "crp er ti tusind"),
        ("Røntgen-thorax, i dag!", "røntgen thorax i dag"),
    ],
)
def test_normalisation_removes_differences_that_are_not_errors(reference, hypothesis):
    assert normalise(reference)[0] == normalise(hypothesis)[0]
    result, _ = document_wer("d", reference, hypothesis)
    assert result.wer == 0.0
    plain, _ = document_wer("d", reference, hypothesis, normalised=False)
    assert plain.wer > 0.0


def test_cpr_numbers_are_masked_never_compared():
    tokens, masked = normalise("Patient 010190-1234 har feber")
    assert tokens == ["patient", "cprnummer", "har", "feber"] and masked == 1
    report = transcripts_report([("d1", "cpr 0101901234 noteret", "cpr 010190-1234 noteret")])
    assert report.wer.estimate == 0.0 and report.cpr_numbers_masked == 2
    assert "0101901234" not in str(report.to_dict())


def test_pooled_wer_and_cluster_interval_by_hand():
    report = transcripts_report(
        [("a", "en to tre fire", "en to tre"), ("b", "fem seks", "fem syv otte")]
    )
    assert (report.substitutions, report.deletions, report.insertions) == (1, 1, 1)
    wer = 3 / 6
    assert report.wer.estimate == pytest.approx(wer)
    residuals = [1 - wer * 4, 2 - wer * 2]
    se = math.sqrt(2 / 1 * sum(r * r for r in residuals)) / 6
    spread = math.exp(1.959964 * se / wer)  # the delta method on the log scale
    assert report.wer.ci_high == pytest.approx(wer * spread, rel=1e-5)
    assert report.wer.ci_low == pytest.approx(wer / spread, rel=1e-5)
    assert report.per_document.median == pytest.approx((0.25 + 1.0) / 2)


def test_folder_of_text_files(tmp_path):
    (tmp_path / "reference").mkdir()
    (tmp_path / "hypothesis").mkdir()
    (tmp_path / "reference" / "k1.txt").write_text("Godmorgen, hvordan går det?", encoding="utf-8")
    (tmp_path / "hypothesis" / "k1.txt").write_text("godmorgen hvordan gør det", encoding="utf-8")
    report = transcripts_report(load_documents(tmp_path))
    assert report.documents[0].document == "1" and report.documents[0].substitutions == 1
    (tmp_path / "reference" / "k2.txt").write_text("x", encoding="utf-8")
    with pytest.raises(EvidenceInputError) as info:
        load_documents(tmp_path)
    assert info.value.code == "unmatched_cases"


@pytest.mark.parametrize(
    "documents,code",
    [
        ([("d", "...", "noget")], "empty_reference"),
        ([("010190-1234", "a", "a")], "cpr_in_name"),
        ([], "no_documents"),
    ],
)
def test_bad_transcripts(documents, code):
    with pytest.raises(EvidenceInputError) as info:
        transcripts_report(documents)
    assert info.value.code == code
    assert "010190" not in str(info.value)
