"""The figures the model falls back on, and where they come from.

The sources are sentences a user reads next to the setting, so they are msgids
(English; Danish in the catalogue) shown through :mod:`vejviser.kernel.i18n`.
"""

from __future__ import annotations

from vejviser.kernel.i18n import gettext_noop

DISCOUNT_RATE_PERCENT = 3.5
DISCOUNT_RATE_SOURCE = gettext_noop(
    "Danish Ministry of Finance, 'Vejledning i samfundsøkonomiske "
    "konsekvensvurderinger': the social discount rate is 3.5 % for years 0–35 "
    "(2.5 % for years 36–70). The horizon is therefore at most 35 years."
)

HOURS_PER_FTE = 1924.0
HOURS_PER_FTE_SOURCE = gettext_noop(
    "One full-time equivalent in the Danish state: 37 hours × 52 weeks = 1,924 hours "
    "(gross, including leave), as in the state's pay and staff statistics (Agency for "
    "Employees and Competences). Editable per case."
)

AWARD_CRITERIA_SOURCE = gettext_noop(
    "Danish Public Procurement Act § 162: award on the best price-quality ratio."
)
AWARD_METHOD = gettext_noop(
    "Price is weighted as the case says. The rest of the weight is shared among the "
    "quality criteria by how much each moves the net present value (its swing in the "
    "tornado): what matters most for the gain weighs most."
)
