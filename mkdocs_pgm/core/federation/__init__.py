"""Federation: one portfolio across many sites, through their published ``pgm.json`` (the ``sources`` option)."""
