"""Pure parts of sign-in (no Django import): names from claims, group → role plans."""
