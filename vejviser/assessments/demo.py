"""Saved assessments for the demo projects (``content/demo.yaml``), so the demo shows results.

Idempotent: an assessment already saved on a step is left as it is. Projects or steps
that are not there are skipped. Called after the demo projects are loaded.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from vejviser.projects.models import Step

from .models import AssessmentRun

#: (project title, step action, assessment, who runs it, answers)
DEMO_RUNS: list[tuple[str, str, str, str, dict[str, Any]]] = [
    (
        "Ambient scribe i almen praksis",
        "gennemfoer-juridisk-vurdering-herunder-ift-eus-ai-forordning",
        "ai-act",
        "jonas",
        {
            # A documentation aid bought from a vendor, not a medical device: the practice
            # deploys it; it drafts text, so Art. 50 applies.
            "prohibited_practice": False,
            "mdr_class": "none",
            "annex_iii_area": "none",
            "interacts_with_people": False,
            "generates_content": True,  # drafts the journal note
            "publishes_generated_content": False,
            "emotion_recognition": False,
            "role": "deployer",
            "modifies_or_rebrands": False,
            "public_body": True,
            "public_authority": True,
        },
    ),
    (
        "Ambient scribe i almen praksis",
        "gennemfoer-juridisk-vurdering-herunder-ift-eus-ai-forordning",
        "gdpr",
        "jonas",
        {
            "personal_data": True,
            "purpose": "treatment",
            "public_authority": True,
            "art35_3_case": False,
            "sensitive_data": True,  # health data from the consultation
            "innovative_technology": True,  # speech recognition and a language model
            "systematic_monitoring": False,
            "large_scale": False,
            "automated_decision": False,
            "external_processor": True,  # the vendor transcribes in its cloud (EU)
        },
    ),
    (
        "AI-indtegning af normalvæv ved strålebehandling",
        "vurder-juridiske-aspekter",
        "mdr",
        "jonas",
        {
            "medical_purpose": True,
            "acts_beyond_storage": True,
            "benefits_individual_patients": True,
            "informs_decisions": True,  # the contours are the basis of the dose plan
            "worst_case": "serious_deterioration_or_surgery",  # organs at risk over-irradiated
            "monitors_physiological": False,
            "active_therapeutic_with_diagnosis": False,
            "drives_device_class": "none",
            "in_house": True,  # developed by the hospitals for their own use
            "industrial_scale": False,
            "in_house_a_not_transferred": True,
            "in_house_b_qms": True,
            "in_house_c_no_equivalent": True,
            "in_house_d_info_authority": False,
            "in_house_e_public_declaration": False,
            "in_house_f_documentation": False,
            "in_house_g_follows_documentation": False,
            "in_house_h_clinical_review": False,
        },
    ),
    (
        "AI-indtegning af normalvæv ved strålebehandling",
        "vurder-juridiske-aspekter",
        "ai-act",
        "jonas",
        {
            "prohibited_practice": False,
            "mdr_class": "IIb",  # from the MDR assessment above
            "annex_iii_area": "none",
            "interacts_with_people": False,
            "generates_content": False,
            "emotion_recognition": False,
            "role": "both",  # own development for own use
            "public_body": True,
            "public_authority": True,
        },
    ),
]


def load_demo_assessments() -> int:
    """Save the demo assessments that are not saved yet; returns how many were saved."""
    names = {run[3] for run in DEMO_RUNS}
    users = {u.username: u for u in get_user_model().objects.filter(username__in=names)}
    today = timezone.localdate()
    saved = 0
    for title, action, name, username, answers in DEMO_RUNS:
        step = (
            Step.objects.filter(project__title=title, action__slug=action)
            .select_related("project", "action")
            .order_by("project_id")
            .first()
        )
        if step is None or AssessmentRun.objects.filter(step=step, assessment=name).exists():
            continue
        AssessmentRun.record(step, users.get(username), name, answers, today)
        saved += 1
    return saved
