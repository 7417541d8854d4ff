"""The assistant's pure core: content -> index -> cited answer. No Django import."""
