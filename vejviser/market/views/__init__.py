"""The market pages, one module per tool. Thin: fetch through :mod:`..access`, call the
core or the model, render."""
