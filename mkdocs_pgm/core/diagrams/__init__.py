"""Dependency diagrams: graphs built from the model, laid out by Graphviz."""
