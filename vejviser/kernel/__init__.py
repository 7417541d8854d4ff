"""The pure kernel every core imports: no Django here, ever.

- :mod:`.schema`, :mod:`.files`, :mod:`.yamllines` — the content schema and the reading
  and validation of the content files (errors name file and line);
- :mod:`.i18n` — UI text for cores and the CLI, through the same gettext catalogues the
  web pages use (``vejviser/locale``);
- :mod:`.formatting` — the one formatter for numbers, money, percentages, intervals and
  dates (Danish by default: 1.234,5; 12,5 %; 3. december 2026).

A test imports every module here in a fresh interpreter and fails if Django is loaded.
"""
