"""A vendor's step page leaves out the market tools (registered with ``vendor=False``):
neither a link (the market pages are 404 for a vendor) nor "planned". Members still see
the links, and tools open to vendors stay."""

from __future__ import annotations

from django.urls import reverse

from vejviser.journey import tools

MARKET = ("market:needs", "market:catalogue", "market:requirements")


def _step_with_market_tools(personas):
    step = next(
        s
        for s in personas.project.steps.select_related("action")
        if any(t in (s.action.tools or []) for t in MARKET)
    )
    step.shared_with_vendor = True
    step.save(update_fields=["shared_with_vendor"])
    return step


def test_market_tools_are_registered_closed_to_vendors():
    for tool in (*MARKET, "market:tender-evaluation", "market:contract-checklist"):
        assert tool in tools.NOT_FOR_VENDOR
    assert "monitoring" not in tools.NOT_FOR_VENDOR
    listed = ["market:needs", "monitoring", "portfolio:share"]
    # sharing is closed to vendors too (the project decides what leaves it)
    assert tools.tools_for(listed, vendor=True) == ["monitoring"]
    assert tools.tools_for(listed, vendor=False) == listed


def test_vendor_sees_no_market_tool_on_a_shared_step(client, personas):
    step = _step_with_market_tools(personas)
    url = reverse("step", args=[personas.project.pk, step.pk])
    market = [t for t in step.action.tools if t in tools.NOT_FOR_VENDOR]
    others = [t for t in step.action.tools if t not in tools.NOT_FOR_VENDOR]

    client.force_login(personas.victor)
    page = client.get(url).content.decode()
    for tool in market:
        assert f'data-tool="{tool}"' not in page
        assert tools.tool_label(tool) not in page
        tool_url = tools.tool_url(tool, personas.project.pk, step.pk)
        assert tool_url is not None and tool_url not in page
    for tool in others:
        assert f'data-tool="{tool}"' in page

    client.force_login(personas.alice)
    page = client.get(url).content.decode()
    for tool in market:
        assert f'data-tool="{tool}"' in page
        assert f'href="{tools.tool_url(tool, personas.project.pk, step.pk)}"' in page


def test_the_market_page_a_vendor_is_not_shown_is_indeed_closed(client, personas):
    step = _step_with_market_tools(personas)
    tool = next(t for t in step.action.tools if t in tools.NOT_FOR_VENDOR)
    client.force_login(personas.victor)
    assert client.get(tools.tool_url(tool, personas.project.pk, step.pk)).status_code == 404
