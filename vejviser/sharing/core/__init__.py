"""Sharing between Vejviser installations, without Django: sharing levels, canonical
JSON, Ed25519 signatures, bundles (build, check, open), the scan for people's names and
product matching across installations."""
