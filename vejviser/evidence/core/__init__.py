"""The evidence core: validation statistics with no web framework in them.

Modules, by topic:

- :mod:`.binary` — the full report of a binary classifier or risk score, built on
  :mod:`.ranking` (one sort), :mod:`.auc` (AUC, DeLong, ROC), :mod:`.thresholds`,
  :mod:`.calibration`, :mod:`.subgroups` and :mod:`.claims` (vendor claims);
- :mod:`.segmentation` and :mod:`.masks` — Dice, Hausdorff 95, surface Dice;
- :mod:`.transcripts`, :mod:`.wer` and :mod:`.danish_text` — word error rate;
- :mod:`.timing` — time studies; :mod:`.sample_size` — planning a prospective study;
- :mod:`.io`, :mod:`.io_excel` and :mod:`.inputs` — reading CSV, Excel and Parquet;
  :mod:`.privacy` — CPR numbers; :mod:`.errors` — the one error type (it carries a
  :class:`vejviser.kernel.i18n.Message`); :mod:`.wording` — metric names and the wording
  of vendor claims, from the one gettext catalogue; :mod:`.plots` — SVG figures.

Submodules are imported where used, so importing the package stays cheap.
"""
