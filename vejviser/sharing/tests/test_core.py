"""The pure core: levels, canonical JSON, Ed25519 signatures, opening bundles, the scan
for names and product matching."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from hypothesis import given
from hypothesis import strategies as st

from vejviser.sharing.core import bundle, levels, signing
from vejviser.sharing.core.canonical import canonical, digest
from vejviser.sharing.core.match import ProductKey, match

KEY = signing.new_private_key()
OTHER = signing.new_private_key()


def payload(**changes: Any) -> dict[str, Any]:
    data = {
        "audience": "national",
        "installation": "Vejviser Region Syddanmark",
        "shared_by": "Region Syddanmark",
        "organisation": ["Region Syddanmark", "OUH"],
        "deployment": "abc123",
        "project": {"title": "AI-indtegning", "track": "ny-ide", "clinical_area": "Stråleterapi"},
        "product": {"vendor": "Nordlys", "product": "Kontur", "version": "1.0"},
        "items": {"validation": {"headline": {"da": "Dice 0,88", "en": "Dice 0.88"}}},
        "levels": {"validation": "national"},
        "version": 1,
        "shared_at": "2026-12-03T10:00:00+00:00",
    }
    data.update(changes)
    return data


def trusted(*pems: bytes) -> dict[str, str]:
    keys = [signing.public_of(p) for p in pems]
    return {signing.fingerprint(k): k for k in keys}


# --- levels -----------------------------------------------------------------------------------


def test_an_item_goes_to_its_own_level_and_every_narrower_audience():
    assert levels.allows("national", "region") and levels.allows("national", "national")
    assert not levels.allows("national", "public")
    assert levels.allows("public", "public") and levels.allows("region", "region")
    assert not levels.allows("region", "national")
    for audience in levels.AUDIENCES:
        assert not levels.allows("internal", audience)  # internal never leaves
    with pytest.raises(ValueError):
        levels.allows("national", "internal")  # no bundle is made for internal


@given(
    st.dictionaries(st.text(min_size=1, max_size=8), st.sampled_from(levels.LEVELS)),
    st.sampled_from(levels.AUDIENCES),
)
def test_selected_never_holds_an_item_more_closed_than_the_audience(assignment, audience):
    chosen = levels.selected(assignment, audience)
    for name in chosen:
        assert levels.openness(assignment[name]) >= levels.openness(audience)
        assert assignment[name] != "internal"
    # and a wider audience never gets more
    wider = levels.AUDIENCES[levels.AUDIENCES.index(audience) :]
    for other in wider:
        assert set(levels.selected(assignment, other)) <= set(chosen)


# --- canonical JSON and signatures --------------------------------------------------------------


def test_canonical_json_is_sorted_compact_utf8_by_hand():
    assert (
        canonical({"b": 1, "a": "æ", "c": [1.5, None]}) == '{"a":"æ","b":1,"c":[1.5,null]}'.encode()
    )
    assert digest({"b": 1, "a": 2}) == digest({"a": 2, "b": 1})
    with pytest.raises(ValueError):
        canonical({"x": float("nan")})


def test_signatures_verify_with_the_key_and_library_and_fail_when_changed():
    data = canonical(payload())
    signature = signing.sign(KEY, data)
    public = signing.public_of(KEY)
    assert signing.verify(public, data, signature)
    # checked independently with cryptography's own public-key object
    import base64

    Ed25519PublicKey.from_public_bytes(base64.b64decode(public)).verify(
        base64.b64decode(signature), data
    )
    assert signing.sign(KEY, data) == signature  # Ed25519 is deterministic
    assert not signing.verify(public, data + b" ", signature)
    assert not signing.verify(signing.public_of(OTHER), data, signature)
    assert not signing.verify(public, data, "not base64!")
    assert (
        signing.fingerprint(public).startswith("sha256:") and len(signing.fingerprint(public)) == 71
    )


# --- opening bundles ----------------------------------------------------------------------------


def test_a_signed_bundle_opens_with_its_trusted_key():
    signed = bundle.sign_bundle(payload(), KEY)
    opened = bundle.open_bundle(bundle.dump(signed), trusted(KEY))
    assert opened.payload == payload()
    assert opened.digest == digest(payload())


def test_an_unknown_signer_is_refused_even_with_a_valid_signature():
    signed = bundle.sign_bundle(payload(), OTHER)
    with pytest.raises(bundle.BundleError) as info:
        bundle.open_bundle(json.dumps(signed), trusted(KEY))
    assert info.value.code == bundle.UNTRUSTED
    assert "has not trusted" in info.value.message.text("en")


@pytest.mark.parametrize(
    "change",
    [
        lambda b: b["payload"].__setitem__("shared_by", "Region X"),
        lambda b: b["payload"]["items"]["validation"]["headline"].__setitem__("da", "Dice 0,99"),
        lambda b: b["payload"].__setitem__("version", 2),
        lambda b: b["payload"]["items"].__setitem__("business-case", {"npv": 1}),
        lambda b: b["signature"].__setitem__("value", signing.sign(OTHER, b"x")),
    ],
)
def test_a_bundle_changed_after_signing_is_refused_as_tampered(change):
    signed = copy.deepcopy(bundle.sign_bundle(payload(), KEY))
    change(signed)
    with pytest.raises(bundle.BundleError) as info:
        bundle.open_bundle(json.dumps(signed), trusted(KEY))
    assert info.value.code == bundle.TAMPERED


def test_a_swapped_public_key_makes_the_signer_unknown():
    signed = bundle.sign_bundle(payload(), KEY)
    signed["signature"]["public_key"] = signing.public_of(OTHER)
    with pytest.raises(bundle.BundleError) as info:
        bundle.open_bundle(json.dumps(signed), trusted(KEY))
    assert info.value.code == bundle.UNTRUSTED


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"not json",
        b"\xff\xfe",
        b"[]",
        b'{"format": "vejviser-share/0"}',
        b'{"format": "vejviser-share/1", "payload": [], "signature": {}}',
        b'{"format": "vejviser-share/1", "payload": {}, "signature": {"algorithm": "rsa"}}',
        b'{"format": "vejviser-share/1", "payload": {}, '
        b'"signature": {"algorithm": "ed25519", "public_key": "abc", "value": "x"}}',
    ],
)
def test_what_is_not_a_bundle_is_refused_as_malformed(raw):
    with pytest.raises(bundle.BundleError) as info:
        bundle.open_bundle(raw, trusted(KEY))
    assert info.value.code == bundle.MALFORMED


@pytest.mark.parametrize(
    "changes",
    [
        {"audience": "internal"},
        {"version": 0},
        {"version": True},
        {"shared_at": "yesterday"},
        {"shared_at": "2026-12-03T10:00:00"},  # no time zone
        {"levels": {"validation": "region"}},  # more closed than the national audience
        {"levels": {}},
        {"product": {"vendor": "", "product": "Kontur"}},
        {"items": {"validation": "text"}},
    ],
)
def test_a_signed_payload_that_breaks_the_format_is_refused_and_never_signed(changes):
    bad = payload(**changes)
    with pytest.raises(bundle.BundleError) as info:
        bundle.sign_bundle(bad, KEY)
    assert info.value.code == bundle.MALFORMED
    # signed by a careless installation anyway: the importer refuses it
    forged = {
        "format": bundle.FORMAT,
        "payload": bad,
        "signature": {
            "algorithm": "ed25519",
            "public_key": signing.public_of(KEY),
            "value": signing.sign(KEY, canonical(bad)),
        },
    }
    with pytest.raises(bundle.BundleError) as info:
        bundle.open_bundle(json.dumps(forged), trusted(KEY))
    assert info.value.code == bundle.MALFORMED


def test_a_bundle_over_5_mb_is_refused_before_it_is_parsed():
    with pytest.raises(bundle.BundleError) as info:
        bundle.open_bundle(b" " * (bundle.MAX_BYTES + 1), trusted(KEY))
    assert info.value.code == bundle.MALFORMED


# --- names ----------------------------------------------------------------------------------------


def test_names_are_found_as_whole_words_in_keys_and_values_ignoring_case():
    data = {"lessons": [{"text": "Spørg ANNA Lund om konturerne"}], "per": {"anna@x.dk": 1}}
    found = bundle.find_names(data, ["Anna Lund", "anna@x.dk", "Jo"])
    assert ("lessons[0].text", "ANNA Lund") in found
    assert ("per.anna@x.dk", "anna@x.dk") in found
    assert bundle.find_names({"t": "Johanna og Annabel"}, ["anna"]) == []  # whole words
    assert bundle.find_names({"t": "Jo"}, ["Jo"]) == []  # two letters: too short to scan


# --- matching -------------------------------------------------------------------------------------


def test_products_match_on_vendor_product_version_ignoring_case_and_spacing():
    shared = ProductKey.of({"vendor": "Nordlys  Health", "product": "Kontur", "version": "1.0"})
    local = [
        (1, ProductKey.of({"vendor": "Nordlys Health", "product": "Kontur", "version": "2.0"})),
        (2, ProductKey.of({"vendor": "nordlys health", "product": "KONTUR", "version": "1.0"})),
    ]
    assert match(shared, local) == 2


def test_a_udi_or_certificate_on_both_sides_must_agree_and_a_udi_match_wins():
    names = {"vendor": "V", "product": "P", "version": "1"}
    shared = ProductKey.of({**names, "udi": "0123", "certificate_number": "C-1"})
    assert match(shared, [(1, ProductKey.of({**names, "udi": "9999"}))]) is None
    assert match(shared, [(1, ProductKey.of({**names, "certificate_number": "C-2"}))]) is None
    assert match(shared, [(1, ProductKey.of(names))]) == 1  # the local has none: names decide
    renamed = ProductKey.of({"vendor": "V A/S", "product": "P+", "version": "1", "udi": "0123"})
    assert match(shared, [(1, ProductKey.of(names)), (2, renamed)]) == 2
