"""The model: front matter read, validated and linked into a registry of entities."""
