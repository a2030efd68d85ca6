"""Views: HTML fragments rendered from the model with Jinja templates."""
