"""The portfolio's rules, without Django: rows, filters, sorting, summaries, pipeline."""

from .rows import (
    RISK_ORDER,
    SORT_KEYS,
    STATUS_ORDER,
    Filters,
    PortfolioRow,
    Summary,
    filter_rows,
    pipeline,
    project_status,
    sort_rows,
    status_message,
    summarise,
)

__all__ = [
    "RISK_ORDER",
    "SORT_KEYS",
    "STATUS_ORDER",
    "Filters",
    "PortfolioRow",
    "Summary",
    "filter_rows",
    "pipeline",
    "project_status",
    "sort_rows",
    "status_message",
    "summarise",
]
