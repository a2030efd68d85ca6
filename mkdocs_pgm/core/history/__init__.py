"""The portfolio over time: states of each page (:mod:`.state`), read from git (:mod:`.git`),
compared (:mod:`.changes`) and asked by the views (:mod:`.timeline`)."""
