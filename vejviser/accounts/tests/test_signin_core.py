"""The pure parts of hospital sign-in: usernames from claims, groups, role plans."""

from __future__ import annotations

from vejviser.accounts.core.signin import (
    GroupRule,
    Roles,
    groups_from_claims,
    plan_roles,
    unique_username,
    username_base,
)


def test_username_comes_from_the_upn_before_the_at_sign():
    assert username_base({"preferred_username": "Anna.Hansen@RegionH.dk"}) == "anna.hansen"
    assert username_base({"email": "åse.øster-ærø@rm.dk"}) == "ase.oster-aero"
    assert username_base({"name": "Søren Kierkegaard"}) == "soren-kierkegaard"
    assert username_base({"preferred_username": "  ", "email": "x@y.dk"}) == "x"
    assert username_base({"preferred_username": "@@@"}) == "bruger"
    assert username_base({}) == "bruger"
    assert len(username_base({"email": "a" * 400})) <= 142


def test_a_taken_username_gets_the_next_free_number():
    taken = {"anna", "anna-2", "anna-3"}
    assert unique_username("anna", taken.__contains__) == "anna-4"
    assert unique_username("bo", taken.__contains__) == "bo"


def test_groups_from_claims():
    assert groups_from_claims({"groups": ["a", "b"]}, "groups") == {"a", "b"}
    assert groups_from_claims({"groups": "a"}, "groups") == {"a"}
    assert groups_from_claims({}, "groups") == frozenset()
    assert groups_from_claims({"roles": ["x"]}, "roles") == {"x"}
    assert groups_from_claims({"groups": 7}, "groups") == frozenset()
    # Entra ID's overage: the groups are not in the token
    assert groups_from_claims({"_claim_names": {"groups": "src1"}}, "groups") is None
    assert groups_from_claims({"hasgroups": True}, "groups") is None


RULES = [
    GroupRule("g-rigs", "member", 2),
    GroupRule("g-herlev", "member", 3),
    GroupRule("g-ledelse", "management", 1),
    GroupRule("g-indhold", "content-editor"),
]


def test_plan_gives_the_mapped_roles():
    plan = plan_roles(frozenset({"g-rigs", "g-ledelse", "g-indhold"}), RULES, Roles())
    assert (plan.set_member, plan.member_of) == (True, 2)
    assert plan.add_management == {1} and not plan.remove_management
    assert plan.content_editor is True


def test_plan_changes_nothing_when_the_roles_already_fit():
    current = Roles(member_of=2, management=frozenset({1}), content_editor=True)
    plan = plan_roles(frozenset({"g-rigs", "g-ledelse", "g-indhold"}), RULES, current)
    assert plan.changes_nothing


def test_plan_takes_away_only_what_the_mappings_decide():
    current = Roles(member_of=2, management=frozenset({1, 9}), content_editor=True)
    plan = plan_roles(frozenset(), RULES, current)
    assert (plan.set_member, plan.member_of) == (True, None)
    assert plan.remove_management == {1}  # 9 was given by hand: no mapping names it
    assert plan.content_editor is False


def test_membership_of_an_unmapped_organisation_stays_without_member_groups():
    plan = plan_roles(frozenset(), RULES, Roles(member_of=9))
    assert not plan.set_member


def test_the_first_matching_member_rule_wins():
    plan = plan_roles(frozenset({"g-herlev", "g-rigs"}), RULES, Roles(member_of=3))
    assert (plan.set_member, plan.member_of) == (True, 2)


def test_without_content_editor_rules_the_role_is_left_alone():
    plan = plan_roles(frozenset(), RULES[:3], Roles(content_editor=True))
    assert plan.content_editor is None
