"""The market core: pure rules and numbers for needs, requirements and tenders.

No Django import. ``tender`` evaluates bids against a published evaluation model and
finds what would reverse the winner; ``needs`` combines several raters' scores and
measures how stable the ranking is; ``requirements`` picks the requirements that apply
from what a project already knows; ``content`` validates ``content/market/``.
"""
