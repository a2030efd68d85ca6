"""Exports: pgm.json and its JSON Schema, the ICS calendar, CSV registers."""
